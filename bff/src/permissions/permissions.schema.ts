import { z } from "zod";
import { roleNames } from "../access/access-table.ts";
import { uuid } from "../shared-schemas.ts";

export const grantBody = z
  .strictObject({
    role: z.enum(roleNames, { error: `must be one of ${roleNames.join(", ")}` }),
    expiresAt: z.coerce
      .date({ error: "must be a date (ISO 8601)" })
      .refine((date) => date.getTime() > Date.now(), "must be in the future")
      .nullable()
      .optional(),
  })
  .refine((grant) => grant.role !== "Support" || grant.expiresAt, {
    path: ["expiresAt"],
    message: "is required for Support grants: support is temporary",
  });
export type GrantInput = z.infer<typeof grantBody>;

export const userIdParam = z.object({ userId: uuid("a user") });
