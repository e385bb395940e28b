import { z } from "zod";
import { paging, uuid } from "../shared-schemas.ts";

/** Filters of GET /api/audit; `from` is inclusive, `to` exclusive. */
export const auditQuery = z.object({
  objectType: z.enum(["installation", "client"]).optional(),
  objectId: uuid("an object").optional(),
  installationId: uuid("an installation").optional(),
  from: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).optional(),
  to: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).optional(),
  ...paging,
});
