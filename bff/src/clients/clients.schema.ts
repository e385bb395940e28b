import { z } from "zod";
import { futureDate, nonEmpty, objectName, storageName, uuid } from "../shared-schemas.ts";

export const listClientsQuery = z.object({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  installationId: uuid("an installation").optional(),
  sort: z.enum(["name", "installation", "partition", "expiresAt"]).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListClientsQuery = z.infer<typeof listClientsQuery>;

export const clientNameParam = z.object({
  name: z.string().min(1).max(200, "must be at most 200 characters"),
});

export const logLevels = ["off", "error", "warning", "info", "debug"] as const;

const logging = z.strictObject({
  logImages: z.boolean({ error: "must be true or false" }).optional(),
  level: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).optional(),
  retentionDays: z.int({ error: "must be a whole number" }).min(1, "at least 1 day").max(3650, "at most 3650 days").optional(),
});

export const maxPartition = 2_147_483_647;

export const createClientBody = z.strictObject({
  name: objectName,
  installationId: uuid("an installation"),
  storage: storageName,
  partition: z
    .union([z.literal("next"), z.int({ error: "must be 'next' or a whole number" }).min(1, "must be at least 1").max(maxPartition)], {
      error: "must be 'next' or a whole number",
    })
    .default("next"),
  expiresAt: futureDate,
  identification: z.boolean({ error: "must be true or false" }).default(false),
  logging: logging.default({}),
  ownerUserId: uuid("a user").optional(),
});
export type CreateClient = z.infer<typeof createClientBody>;

export const updateClientBody = nonEmpty(
  z.strictObject({
    expiresAt: z.coerce.date({ error: "must be a date (ISO 8601)" }).optional(),
    identification: z.boolean({ error: "must be true or false" }).optional(),
    logging: logging.optional(),
  }),
);
export type UpdateClient = z.infer<typeof updateClientBody>;

export const ownershipBody = z.strictObject({
  userId: uuid("a user"),
  mode: z.enum(["add", "transfer"], { error: "must be 'add' or 'transfer'" }),
});
export type OwnershipChange = z.infer<typeof ownershipBody>;
