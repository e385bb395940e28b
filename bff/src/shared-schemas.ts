import { z } from "zod";

/** Input rules shared by several features. */
export const objectName = z
  .string({ error: "must be a text" })
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "may contain letters, digits, spaces, '.', '_' and '-', and must start with a letter or digit");

export const storageName = z
  .string({ error: "must be a text" })
  .trim()
  .min(1, "must not be empty")
  .max(50, "must be at most 50 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "may contain lower-case letters, digits, '_' and '-'");

export const uuid = (what: string) => z.uuid(`must be ${what} id`);

export const futureDate = z.coerce
  .date({ error: "must be a date (ISO 8601)" })
  .refine((date) => date.getTime() > Date.now(), "must be in the future");

export const paging = {
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};

/** A JSON body must be an object with at least one known field. */
export function nonEmpty<T extends z.ZodObject>(schema: T) {
  return schema.refine((value) => Object.values(value).some((v) => v !== undefined), "must change at least one field");
}
