import type { TrackCheck } from "./face-track.js";
import type { Direction } from "./head-pose.js";
import type { ReliefMeasure } from "./nose-relief.js";

/**
 * The verdict on one attempt from what attempt-judge.ts measured. Checked in this order;
 * the first that fails gives the error (the BWS error names; `reason` says which check,
 * for logs and benchmarks, never for the client):
 *
 * 1. No frame with a face: NoFaceFound.
 * 2. Fewer than 3 frames with a face per challenge (at least 3): NotEnoughSamples.
 * 3. The frames are not one continuous capture (face-track.ts): LiveDetectionFailed.
 * 4. The first turns are not the challenges, in order and in time
 *    (challenge-turns.ts): ChallengeResponseFailed.
 * 5. A challenged turn's peak shows another person than the neutral frame: their face
 *    embeddings lie more than MAX_IDENTITY_DISTANCE apart. LiveDetectionFailed.
 * 6. A challenged turn shows no relief (nose-relief.ts): under MIN_TURN_RELIEF for one
 *    turn, or under MIN_MEAN_RELIEF on average over the turns. LiveDetectionFailed.
 *
 * Frames posted before (the replay store) are the caller's last check.
 */

/**
 * Embedding distance above which two faces are not taken for one person. Frames of one
 * person in the test set, neutral against turns of up to 35° with camera noise, stay
 * under 0.45; faces of two people lie above 0.6 (docs/liveness.md).
 */
export const MAX_IDENTITY_DISTANCE = 0.5;
/** Relief (eye distances) each challenged turn must show; prints stay under 0.012 at p99.9. */
export const MIN_TURN_RELIEF = 0.015;
/** Mean relief over the challenged turns; a 15° turn of the genuine test set gives 0.03. */
export const MIN_MEAN_RELIEF = 0.02;
export const MIN_FRAMES_PER_CHALLENGE = 3;

export type LivenessError = "NotEnoughSamples" | "NoFaceFound" | "ChallengeResponseFailed" | "LiveDetectionFailed";
export type RejectionReason = "NoFace" | "TooFewFrames" | "Continuity" | "Challenge" | "Identity" | "Relief" | "Replay";

export interface TurnEvidence {
  direction: Direction;
  observed?: Direction;
  degrees?: number;
  afterMs?: number;
  followed: boolean;
  identityDistance?: number;
  relief?: ReliefMeasure;
}

export interface AttemptFacts {
  frames: number;
  faceFrames: number;
  challenges: number;
  track: TrackCheck;
  turns: TurnEvidence[];
}

export interface AttemptVerdict {
  live: boolean;
  error?: LivenessError;
  reason?: RejectionReason;
  turns: TurnEvidence[];
  track: TrackCheck;
}

export function decideAttempt(facts: AttemptFacts): AttemptVerdict {
  const verdict = (error?: LivenessError, reason?: RejectionReason): AttemptVerdict => ({
    live: !error,
    error,
    reason,
    turns: facts.turns,
    track: facts.track,
  });
  if (facts.faceFrames === 0) return verdict("NoFaceFound", "NoFace");
  if (facts.faceFrames < Math.max(MIN_FRAMES_PER_CHALLENGE, MIN_FRAMES_PER_CHALLENGE * facts.challenges)) {
    return verdict("NotEnoughSamples", "TooFewFrames");
  }
  if (!facts.track.continuous) return verdict("LiveDetectionFailed", "Continuity");
  if (facts.turns.length === 0 || facts.turns.some((t) => !t.followed)) return verdict("ChallengeResponseFailed", "Challenge");
  if (facts.turns.some((t) => !(t.identityDistance !== undefined && t.identityDistance <= MAX_IDENTITY_DISTANCE))) {
    return verdict("LiveDetectionFailed", "Identity");
  }
  const reliefs = facts.turns.map((t) => t.relief?.relief ?? Number.NEGATIVE_INFINITY);
  const mean = reliefs.reduce((s, r) => s + r, 0) / reliefs.length;
  if (reliefs.some((r) => !(r >= MIN_TURN_RELIEF)) || !(mean >= MIN_MEAN_RELIEF)) return verdict("LiveDetectionFailed", "Relief");
  return verdict();
}
