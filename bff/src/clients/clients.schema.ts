import { z } from "zod";

export const listClientsQuery = z.object({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  installationId: z.uuid("must be an installation id").optional(),
  sort: z.enum(["name", "installation", "partition", "expiresAt"]).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListClientsQuery = z.infer<typeof listClientsQuery>;

export const clientNameParam = z.object({
  name: z.string().min(1).max(200, "must be at most 200 characters"),
});
