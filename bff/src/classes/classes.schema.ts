import { z } from "zod";

/** The traits BWS enrolls templates for; paths accept them in any case. */
export const traits = ["Face", "Periocular", "Voice"] as const;

const trait = z
  .string()
  .transform((value) => traits.find((t) => t.toLowerCase() === value.toLowerCase()))
  .refine((value) => value !== undefined, { message: `must be one of ${traits.join(", ")}` })
  .transform((value) => value!);

export const traitParam = z.object({ trait });

export const classIdParam = z.object({
  classId: z.string().regex(/^\d{1,18}$/, "must be a class id (a positive whole number)").transform((value) => BigInt(value)),
});

export const classPatternParam = classIdParam.extend({ trait });

export const listClassesQuery = z.object({
  maxclasses: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(100_000, "must be at most 100000")
    .default(1000),
});
export type ListClassesQuery = z.infer<typeof listClassesQuery>;
