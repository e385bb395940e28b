import { defineConfig } from "prisma/config";

// Prisma 7 loads no .env and `env()` throws for unset variables, even for `generate`;
// the CLI only needs a URL for commands that talk to a database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
