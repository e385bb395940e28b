import { judgeAttempt, type AttemptFrame, type AttemptJudgement } from "../../../common/face/attempt-judge.js";
import type { Direction } from "../../../common/face/head-pose.js";
import { loadJudgeModels } from "./face-models.ts";

/**
 * The server's liveness judge on decoded frames: detection, landmarks, embeddings and the
 * decision (common/face/attempt-judge.ts) with the models of this process. Everything but
 * the replay store (database) happens here, so a worker thread can run it whole.
 */
export async function judgeLivenessAttempt(input: { frames: readonly AttemptFrame[]; challenges: readonly Direction[] }): Promise<AttemptJudgement> {
  return judgeAttempt(await loadJudgeModels(), input);
}
