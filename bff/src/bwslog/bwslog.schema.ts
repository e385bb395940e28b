import { z } from "zod";

const isoDateTime = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-11-29T10:00:00Z" });
const filter = z.string().trim().min(1).max(100, "must be at most 100 characters").optional();

/** A log query: a time range (as seed 000's scripts send it), filters and a page. */
export const bwsLogQuery = z
  .object({
    from: isoDateTime,
    to: isoDateTime,
    operation: filter,
    result: z.enum(["success", "failure", "error"]).optional(),
    errorCode: filter,
    instance: filter,
    client: filter,
    skip: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "must be at least 0").max(10_000_000).default(0),
    take: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(10_000, "must be at most 10000").default(1000),
  })
  .refine((q) => new Date(q.from) < new Date(q.to), { path: ["to"], message: "must be after from" });
export type BwsLogQuery = z.infer<typeof bwsLogQuery>;
