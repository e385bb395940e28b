import { directionOf, estimateHeadPose, TURN_THRESHOLD, type Direction, type HeadPose } from "./head-pose.js";
import { planarResidual } from "./homography.js";
import { KEYPOINT_COUNT, type Point } from "./keypoints.js";

/**
 * Liveness decision from BlazeFace keypoints captured while the user follows head-turn
 * challenges. Pure, so the portal (for feedback) and the BFF (for the verdict) decide
 * alike. Rules, checked in this order; the first that fails gives the error:
 *
 * 1. Frames without six keypoints are ignored; if none is left: NoFaceFound.
 * 2. At least 3 frames per challenge, and at least 3: else NotEnoughSamples.
 * 3. The neutral frame is the one of the first three nearest their median pose: the
 *    user starts facing the camera.
 * 4. Poses are smoothed by a median over three frames, so a turn must show in two
 *    consecutive frames. A turn starts at TURN_THRESHOLD and lasts until its axis is
 *    back under half of it (or another turn starts).
 * 5. Some turn must prove depth: at its peak, its keypoints differ from neutral by
 *    more than a homography explains (residual >= PLANAR_RESIDUAL_MIN). A photo moved,
 *    rotated or tilted before the camera moves its points by a homography, a turning
 *    head does not. Else LiveDetectionFailed, which is also what a still face gets.
 * 6. The first turns must be the challenges, in order, each starting within timeLimitMs
 *    of the previous one (the first, of the first frame); turns after the last challenge
 *    do not matter. Else ChallengeResponseFailed.
 * 7. Each challenged turn must prove depth as in rule 5: else LiveDetectionFailed.
 */

export interface LivenessFrame {
  /** Capture time in milliseconds. */
  t: number;
  /** BlazeFace keypoints in image pixels of the unmirrored frame; empty when no face was found. */
  keypoints: readonly Point[];
}

export interface LivenessInput {
  challenges: readonly Direction[];
  /** In capture order. */
  frames: readonly LivenessFrame[];
  /** Time allowed for each challenge. */
  timeLimitMs?: number;
}

export type LivenessError = "NotEnoughSamples" | "NoFaceFound" | "ChallengeResponseFailed" | "LiveDetectionFailed";

export interface ChallengeDiagnostics {
  direction: Direction;
  /** The turn made in this challenge's place, if any. */
  observed?: Direction;
  /** From the previous turn (or the first frame) to the start of this one. */
  afterMs?: number;
  /** Change from neutral at the turn's peak, in head-pose.ts degrees. */
  yaw?: number;
  pitch?: number;
  /** Planar residual between neutral and the peak frame. */
  planarResidual?: number;
}

export interface LivenessDecision {
  live: boolean;
  error?: LivenessError;
  perChallenge: ChallengeDiagnostics[];
  /** Largest planar residual of any turn's peak against neutral; 0 without turns. */
  maxPlanarResidual?: number;
}

export const DEFAULT_TIME_LIMIT_MS = 5000;
export const MIN_FRAMES_PER_CHALLENGE = 3;

/**
 * Fraction of face size (RMS spread of the keypoints) that a homography may leave
 * unexplained before the motion counts as 3D. On the synthetic average head (face
 * spread about 60 px) with 1 px keypoint noise, a flat photo in any pose stays under
 * 0.045 in 99.9% of frames, while the smallest accepted turns give 0.07 (yaw) and 0.16
 * (pitch) and the usual 20-30° turns 0.13-0.5. Real BlazeFace noise should be measured
 * on captured sequences before this is trusted further.
 */
export const PLANAR_RESIDUAL_MIN = 0.05;

interface Turn {
  direction: Direction;
  /** Indices of the frame it starts at and of its farthest frame. */
  start: number;
  peak: number;
}

export function decideLiveness(input: LivenessInput): LivenessDecision {
  const timeLimitMs = input.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const perChallenge: ChallengeDiagnostics[] = input.challenges.map((direction) => ({ direction }));
  const faces = input.frames.filter((f) => f.keypoints.length === KEYPOINT_COUNT);
  if (faces.length === 0) return { live: false, error: "NoFaceFound", perChallenge };
  if (faces.length < Math.max(MIN_FRAMES_PER_CHALLENGE, MIN_FRAMES_PER_CHALLENGE * input.challenges.length)) {
    return { live: false, error: "NotEnoughSamples", perChallenge };
  }

  const poses = faces.map((f) => estimateHeadPose(f.keypoints));
  const neutralIndex = medianIndex(poses.slice(0, 3));
  const neutral = faces[neutralIndex].keypoints;
  const neutralPose = poses[neutralIndex];
  const deltas = smooth(poses.map((p) => ({ yaw: p.yaw - neutralPose.yaw, pitch: p.pitch - neutralPose.pitch })));
  const turns = findTurns(deltas);
  const residuals = turns.map((turn) => planarResidual(neutral, faces[turn.peak].keypoints));
  const maxPlanarResidual = Math.max(0, ...residuals.filter(Number.isFinite));

  let followed = true;
  input.challenges.forEach((direction, k) => {
    const turn = turns[k];
    if (!turn) {
      followed = false;
      return;
    }
    const since = k === 0 ? faces[0].t : faces[turns[k - 1].start].t;
    const afterMs = faces[turn.start].t - since;
    perChallenge[k] = {
      direction,
      observed: turn.direction,
      afterMs,
      yaw: deltas[turn.peak].yaw,
      pitch: deltas[turn.peak].pitch,
      planarResidual: residuals[k],
    };
    if (turn.direction !== direction || afterMs > timeLimitMs) followed = false;
  });

  const decision = (error?: LivenessError) => ({ live: !error, error, perChallenge, maxPlanarResidual });
  if (!provesDepth(maxPlanarResidual)) return decision("LiveDetectionFailed");
  if (!followed) return decision("ChallengeResponseFailed");
  if (perChallenge.some((c) => !provesDepth(c.planarResidual))) return decision("LiveDetectionFailed");
  return decision();
}

/** A residual proves depth only when measured: a degenerate fit (Infinity) proves nothing. */
function provesDepth(residual: number | undefined): boolean {
  return residual !== undefined && Number.isFinite(residual) && residual >= PLANAR_RESIDUAL_MIN;
}

/** How far a pose change goes in a direction, in units of that axis' threshold. */
function extent(delta: HeadPose, direction: Direction): number {
  switch (direction) {
    case "left":
      return delta.yaw / TURN_THRESHOLD.yaw;
    case "right":
      return -delta.yaw / TURN_THRESHOLD.yaw;
    case "up":
      return delta.pitch / TURN_THRESHOLD.pitch;
    case "down":
      return -delta.pitch / TURN_THRESHOLD.pitch;
  }
}

function findTurns(deltas: readonly HeadPose[]): Turn[] {
  const turns: Turn[] = [];
  let current: Turn | undefined;
  deltas.forEach((delta, i) => {
    const entered = directionOf(delta);
    if (current && (entered === current.direction || (!entered && extent(delta, current.direction) >= 0.5))) {
      if (extent(delta, current.direction) > extent(deltas[current.peak], current.direction)) current.peak = i;
      return;
    }
    current = entered ? { direction: entered, start: i, peak: i } : undefined;
    if (current) turns.push(current);
  });
  return turns;
}

/** Median over each frame and its neighbours, per axis; the ends repeat themselves. */
function smooth(deltas: readonly HeadPose[]): HeadPose[] {
  const at = (i: number) => deltas[Math.min(deltas.length - 1, Math.max(0, i))];
  const median3 = (a: number, b: number, c: number) => Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  return deltas.map((_, i) => ({
    yaw: median3(at(i - 1).yaw, at(i).yaw, at(i + 1).yaw),
    pitch: median3(at(i - 1).pitch, at(i).pitch, at(i + 1).pitch),
  }));
}

/** Index of the pose nearest the per-axis median of the given poses. */
function medianIndex(poses: readonly HeadPose[]): number {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const centre = { yaw: median(poses.map((p) => p.yaw)), pitch: median(poses.map((p) => p.pitch)) };
  let best = 0;
  poses.forEach((p, i) => {
    const distance = Math.hypot(p.yaw - centre.yaw, p.pitch - centre.pitch);
    if (distance < Math.hypot(poses[best].yaw - centre.yaw, poses[best].pitch - centre.pitch)) best = i;
  });
  return best;
}
