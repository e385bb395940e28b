import { alignedFace } from "./aligned-face.js";
import type { BlazeFaceDetector, RgbaImage } from "./blazeface.js";
import { findTurns, matchChallenges, extent } from "./challenge-turns.js";
import { observeFaces, type FaceObservation } from "./face-analysis.js";
import { faceHash, mirrorAligned } from "./face-hash.js";
import { embeddingCrop, embeddingDistance, type FaceNetworks } from "./face-networks.js";
import { checkTrack } from "./face-track.js";
import { toGray, type GrayImage } from "./gray-image.js";
import { estimateHeadPose, type Direction, type HeadPose } from "./head-pose.js";
import { decideAttempt, type AttemptVerdict, type TurnEvidence } from "./liveness-verdict.js";
import { challengePose, eyeCentres } from "./landmark-pose.js";
import { measureTurnRelief } from "./nose-relief.js";

/**
 * Judges one liveness attempt on its decoded frames: faces and landmarks in every frame,
 * the head turns they show, whether the frames are one continuous capture of one face,
 * whether each challenged turn shows the same person as the neutral frame and a nose
 * standing out of the face, and the frames' fingerprints for the replay store (which the
 * caller consults: it lives in the database). Work is bounded: at most MAX_JUDGED_FRAMES
 * frames are looked at, and embeddings and relief only for the challenged turns.
 */

export const MAX_JUDGED_FRAMES = 32;

export interface JudgeModels {
  detector: BlazeFaceDetector;
  networks: FaceNetworks;
}

export interface AttemptFrame {
  t: number;
  image: RgbaImage;
  /** Its index among the posted frames, when a caller passes a chosen subset. */
  index?: number;
}

export interface FramePrint {
  /** Index into the posted frames. */
  frame: number;
  hash: bigint;
  mirroredHash: bigint;
  /** How far the head is turned from neutral, in units of the turn threshold (0 when facing the camera). */
  turn: number;
  /** The face box's centre and width as fractions of the frame's width (a replay keeps them; a new capture does not). */
  place: { x: number; y: number; size: number };
}

export interface AttemptJudgement {
  verdict: AttemptVerdict;
  prints: FramePrint[];
  /** Milliseconds per stage, for benchmarks and logs. */
  timings: Record<string, number>;
  /** With `exhaustive`: each face frame's capture time and smoothed pose change from neutral, for tuning. */
  poses?: { t: number; yaw: number; pitch: number }[];
}

export interface JudgeOptions {
  /** Measure relief and identity of every turn in a challenge's place even when the verdict is already clear (tuning, benchmarks). */
  exhaustive?: boolean;
}

export async function judgeAttempt(
  models: JudgeModels,
  input: { frames: readonly AttemptFrame[]; challenges: readonly Direction[] },
  options: JudgeOptions = {},
): Promise<AttemptJudgement> {
  const timings: Record<string, number> = {};
  let mark = performanceNow();
  const lap = (name: string) => {
    const now = performanceNow();
    timings[name] = now - mark;
    mark = now;
  };

  const chosen = chooseFrames(input.frames.length);
  const frames = chosen.map((i) => input.frames[i]);
  const observations = await observeFaces(models.detector, models.networks, frames.map((f) => f.image));
  lap("faces");
  const faceIndices = observations.flatMap((o, i) => (o ? [i] : []));
  const faces = faceIndices.map((i) => observations[i] as FaceObservation);
  // Twice the face box around its centre: the aligned picture and every tracked patch lie inside.
  const grays = new Map<number, GrayImage>(
    faceIndices.map((i) => {
      const { box } = observations[i]!;
      const side = 2 * Math.max(box.width, box.height);
      return [i, toGray(frames[i].image, { x: box.x + box.width / 2 - side / 2, y: box.y + box.height / 2 - side / 2, width: side, height: side })];
    }),
  );
  const aligned = new Map<number, Float32Array>(faceIndices.map((i, k) => [i, alignedFace(grays.get(i)!, faces[k].landmarks)]));
  lap("aligned");

  const keypointPoses = new Map<number, HeadPose>(faceIndices.map((i, k) => [i, estimateHeadPose(faces[k].keypoints)]));
  const analysis = faces.length > 0 ? findTurns(faceIndices.map((i, k) => challengePose(faces[k].pose, keypointPoses.get(i)!))) : undefined;
  const prints: FramePrint[] = faceIndices.map((i, k) => {
    const picture = aligned.get(i)!;
    const delta = analysis!.deltas[k];
    const turn = Math.max(extent(delta, "left"), extent(delta, "right"), extent(delta, "up"), extent(delta, "down"), 0);
    const { box } = faces[k];
    const width = frames[i].image.width;
    const place = { x: (box.x + box.width / 2) / width, y: (box.y + box.height / 2) / width, size: box.width / width };
    return { frame: frames[i].index ?? chosen[i], hash: faceHash(picture), mirroredHash: faceHash(mirrorAligned(picture)), turn, place };
  });
  lap("prints");

  const times = faceIndices.map((i) => frames[i].t);
  const matches = analysis ? matchChallenges(input.challenges, analysis.turns, times) : [];
  const track = checkTrack(
    frames.map((f, i) => {
      const o = observations[i];
      return { t: f.t, face: o && { box: o.box, aligned: aligned.get(i)!, pose: o.pose, keypointPose: keypointPoses.get(i)!, eyeDistance: eyeCentres(o.landmarks).eyeDistance } };
    }),
  );
  lap("track");

  const evidence: TurnEvidence[] = matches.map((m) => ({ direction: m.direction, observed: m.turn?.direction, degrees: m.turn?.degrees, afterMs: m.afterMs, followed: m.followed }));
  const decidedEarly = faces.length === 0 || !track.continuous || matches.some((m) => !m.followed);
  if (analysis && (!decidedEarly || options.exhaustive)) {
    const neutral = analysis.neutralIndex;
    const frameOf = (k: number) => ({ gray: grays.get(faceIndices[k])!, landmarks: faces[k].landmarks });
    const measured = matches.flatMap((m, c) => (m.turn ? [{ c, turn: m.turn }] : []));
    for (const { c, turn } of measured) {
      const path = [neutral, ...range(turn.start, turn.peak)].filter((k, i, all) => i === 0 || k !== all[i - 1]);
      evidence[c].relief = measureTurnRelief(path.map(frameOf), turn.direction, path.indexOf(turn.start) + 1);
    }
    lap("relief");
    // Identity at each turn's first frame past the threshold: the same turn as its peak,
    // with less of the face turned away (embeddings of one face drift apart past 25°).
    const embeddingFrames = [neutral, ...measured.map(({ turn }) => turn.start)];
    const embeddings = await models.networks.embeddings(
      embeddingFrames.map((k) => ({ image: frames[faceIndices[k]].image, transform: embeddingCrop(faces[k].landmarks) })),
    );
    measured.forEach(({ c }, k) => {
      evidence[c].identityDistance = embeddingDistance(embeddings[0], embeddings[k + 1]);
    });
    lap("identity");
  }

  const verdict = decideAttempt({
    frames: frames.length,
    faceFrames: faces.length,
    challenges: input.challenges.length,
    track,
    turns: evidence,
  });
  const poses = options.exhaustive && analysis ? analysis.deltas.map((d, k) => ({ t: times[k], ...d })) : undefined;
  return { verdict, prints, timings, poses };
}

/** Indices of the frames judged: all of them up to the cap, else the first three and then evenly spread. */
export function chooseFrames(count: number): number[] {
  if (count <= MAX_JUDGED_FRAMES) return range(0, count - 1);
  const rest = MAX_JUDGED_FRAMES - 3;
  const picked = [0, 1, 2];
  for (let k = 0; k < rest; k++) picked.push(3 + Math.round((k * (count - 4)) / (rest - 1)));
  return [...new Set(picked)];
}

function range(from: number, to: number): number[] {
  return from > to ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function performanceNow(): number {
  return globalThis.performance.now();
}
