import { z } from "zod";

const isoDateTime = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" });

export const samplesQuery = z.object({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  skip: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "must be at least 0").max(1_000_000).default(0),
  take: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").default(50),
});
export type SamplesQuery = z.infer<typeof samplesQuery>;

export const sampleIdParam = z.object({ id: z.string().regex(/^\d{1,18}$/, "must be a sample id").transform((value) => BigInt(value)) });
