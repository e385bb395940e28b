import { chooseFrames, judgeAttempt, type AttemptJudgement } from "../../../common/face/attempt-judge.js";
import type { Direction } from "../../../common/face/head-pose.js";
import { PayloadTooLargeError } from "../errors.ts";
import { judgeModelThreads, loadJudgeModels } from "./face-models.ts";
import { maxAttemptPixels } from "./liveness-limits.ts";
import { decodeFrame } from "./decode-frame.ts";

/**
 * The verdict on one liveness attempt, computed in a worker thread: decode the frames the
 * judge looks at (common/face/attempt-judge.ts chooses them), then faces, landmarks,
 * turns, continuity, identity and relief with this thread's models, loaded once. The
 * result is plain data (it crosses the thread boundary); the replay store and the failure
 * counts live in the database and stay with the caller. The route has checked the frames'
 * headers already; decoding checks again what the pixels really are.
 */
export interface LivenessAttempt {
  frames: { t: number; jpeg: Uint8Array }[];
  /** The challenge sequence of this try. */
  challenges: Direction[];
}

/** The judgement, with the WASM threads the models ran on (logged with the timings). */
export type LivenessVerdict = AttemptJudgement & { modelThreads: number };

export async function judgeLivenessAttempt(attempt: LivenessAttempt, options: { modelThreads?: number } = {}): Promise<LivenessVerdict> {
  const models = await loadJudgeModels({ threads: options.modelThreads });
  const started = performance.now();
  let pixels = 0;
  const frames = chooseFrames(attempt.frames.length).map((index) => {
    const image = decodeFrame(attempt.frames[index].jpeg, index);
    pixels += image.width * image.height;
    if (pixels > maxAttemptPixels) throw new PayloadTooLargeError("The frames have more pixels together than an attempt may have.", "AttemptTooLarge");
    return { t: attempt.frames[index].t, image, index };
  });
  const decodeMs = performance.now() - started;
  const judgement = await judgeAttempt(models, { frames, challenges: attempt.challenges });
  return { ...judgement, timings: { decode: decodeMs, ...judgement.timings }, modelThreads: judgeModelThreads() };
}
