import type { Direction } from "../../../common/face/head-pose.js";
import { decideLiveness, type LivenessError } from "../../../common/face/liveness.js";
import { PayloadTooLargeError } from "../errors.ts";
import { maxAttemptPixels } from "./liveness-limits.ts";
import { decodeJpegFrame, detectFaces } from "./server-face-detector.ts";

/**
 * The verdict on one liveness attempt, computed in a worker thread: decode each JPEG,
 * detect the face, and decide with the module the browser uses. The route has checked
 * the frames' headers already; decoding checks again what the pixels really are.
 * Frames are decoded one at a time, so a worker holds one decoded frame at once.
 */
export interface LivenessAttempt {
  frames: { t: number; jpeg: Uint8Array }[];
  /** The challenge sequence of this try. */
  challenges: Direction[];
}

export interface LivenessVerdict {
  live: boolean;
  error?: LivenessError;
}

export async function judgeLivenessAttempt(attempt: LivenessAttempt): Promise<LivenessVerdict> {
  let pixels = 0;
  const detected = [];
  for (const [index, frame] of attempt.frames.entries()) {
    const image = decodeJpegFrame(frame.jpeg, index);
    pixels += image.width * image.height;
    if (pixels > maxAttemptPixels) throw new PayloadTooLargeError("The frames have more pixels together than an attempt may have.", "AttemptTooLarge");
    const faces = await detectFaces(image);
    const best = faces.sort((a, b) => b.score - a.score)[0];
    detected.push({ t: frame.t, keypoints: best?.keypoints ?? [] });
  }
  const decision = decideLiveness({ challenges: attempt.challenges, frames: detected });
  return { live: decision.live, error: decision.error };
}
