import { z } from "zod";

/** A dashboard's time range; the bucket defaults to hours up to 3 days, days beyond. */
export const usageQuery = z
  .object({
    from: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }),
    to: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }),
    bucket: z.enum(["hour", "day"]).optional(),
  })
  .refine((q) => new Date(q.from) < new Date(q.to), { path: ["to"], message: "must be after from" })
  .refine((q) => new Date(q.to).getTime() - new Date(q.from).getTime() <= 400 * 86_400_000, { path: ["to"], message: "the range may span at most 400 days" });
export type UsageQuery = z.infer<typeof usageQuery>;
