import { z } from "zod";
import { maxFrameImageChars, maxFrames } from "./liveness-limits.ts";

/** POST /extension/livenessdetection: the attempt's frames, `t` in ms from its start, `image` a base64 JPEG. */
export const livenessBody = z.strictObject({
  frames: z
    .array(
      z.strictObject({
        t: z.number().finite().min(0).max(600_000),
        image: z.string().min(10).max(maxFrameImageChars, `must be a JPEG of at most ${maxFrameImageChars} base64 characters`),
      }),
      { error: "frames must be a list" },
    )
    .min(1, "at least one frame")
    .max(maxFrames, `at most ${maxFrames} frames`),
});
export type LivenessFrame = z.infer<typeof livenessBody>["frames"][number];
