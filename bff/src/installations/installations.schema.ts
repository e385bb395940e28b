import { z } from "zod";
import { nonEmpty, objectName, storageName, uuid } from "../shared-schemas.ts";
import { connectionStringSchema } from "./connection-string.ts";

const endpointUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(500, "must be at most 500 characters");
const endpointUrls = z.array(endpointUrl, { error: "must be a list of URLs" }).max(10, "at most 10 endpoints");
const storages = z
  .array(storageName, { error: "must be a list of storage names" })
  .min(1, "at least one storage")
  .max(20, "at most 20 storages")
  .refine((names) => new Set(names).size === names.length, "storage names must be unique");

export const installationIdParam = z.object({ id: uuid("an installation") });

export const createInstallationBody = z.strictObject({
  name: objectName,
  endpointUrls: endpointUrls.default([]),
  storages: storages.default(["bws"]),
  connectionString: connectionStringSchema.optional(),
});
export type CreateInstallation = z.infer<typeof createInstallationBody>;

export const updateInstallationBody = nonEmpty(
  z.strictObject({
    name: objectName.optional(),
    endpointUrls: endpointUrls.optional(),
    storages: storages.optional(),
    connectionString: connectionStringSchema.nullable().optional(),
  }),
);
export type UpdateInstallation = z.infer<typeof updateInstallationBody>;
