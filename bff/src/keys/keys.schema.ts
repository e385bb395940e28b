import { z } from "zod";

export const createKeyBody = z
  .strictObject({ label: z.string({ error: "must be a text" }).trim().max(100, "must be at most 100 characters").default("") })
  .default({ label: "" });

export const rotateKeyBody = z
  .strictObject({
    overlapHours: z.int({ error: "must be a whole number of hours" }).min(0, "must not be negative").max(720, "at most 720 hours (30 days)").default(24),
  })
  .default({ overlapHours: 24 });

export const appIdParam = z.object({ appId: z.string().min(1).max(100, "must be at most 100 characters") });
