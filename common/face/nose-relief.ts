import type { GrayImage } from "./gray-image.js";
import { isSideways, type Direction } from "./head-pose.js";
import type { Point } from "./keypoints.js";
import { trackPoint } from "./patch-tracker.js";

/**
 * How far a turn shows the nose standing out of the face, measured on the pixels.
 *
 * - Points on the eyes, brows, mouth and chin, and on the nose, are followed by their
 *   pixels (patch-tracker.ts) from the neutral frame through the turn's frames to its
 *   peak; the landmarks only say where to start and guess where to look next.
 * - A sheet of paper, flat or bent around a vertical axis (or folded along the nose), has
 *   the nose tip where the face's centre line is: the points on that line (between the
 *   brows, between the eyes, lips, chin) move alike, and a quadratic along the line says
 *   where the tip should go. A head turning moves its nose tip, 15-25 mm in front of that
 *   line, further: by depth · sin(angle).
 * - The relief is the tip's distance from that prediction along the turn's direction, as
 *   a fraction of the eye distance, at the turn's frame where it is greatest (the peak
 *   may lose the tip: one tuning face's 25° turn at 320×240 read 0.011 there). Prints
 *   give about 0 (rendered test set: at most 0.035 at 10-40°), a head turning 15° 0.04 or
 *   more (docs/liveness.md).
 * - Also measured, for the verdict and for diagnosis: the nose points against a quadratic
 *   warp fitted to the whole face, the tip against the nostril wings, how well the points
 *   were followed, and how much the face narrowed along the turn.
 */

/** Where the warp is fitted: eye corners, brows, mouth corners and centre lines, chin. */
const FACE_POINTS = [36, 39, 42, 45, 19, 21, 22, 24, 48, 51, 54, 57, 8] as const;
/**
 * The face's centre line, as pairs whose midpoint lies on it (or single points on it):
 * inner brows, inner eye corners, upper lip, mouth corners, lower lip, chin.
 */
const MIDLINE: readonly (readonly number[])[] = [[21, 22], [39, 42], [51], [48, 54], [57], [8]];
/**
 * The centre line for turns up and down: the points between the brows and between the
 * eyes, and the lips; not the chin, whose point lies on the face's outline (a nod moves
 * that outline as a silhouette over the jaw's underside), nor the mouth corners, the
 * widest pair, which on a sheet bent around an upright axis lie furthest behind its
 * crest, so that a nod moves them apart from the tip as if the nose stood out. Tuning set
 * (docs/liveness.md): with the chin, genuine turns up at 320×240 read 0.015-0.021; without
 * the chin but with the mouth corners, bent prints' nods reached 0.036 and 4 of 42 bent
 * prints (the bench's tuned bends) passed every turn; with this line bent prints stay at
 * 0.021 and genuine attempts at 0.026 or more.
 */
const MIDLINE_NODDING: readonly (readonly number[])[] = [[21, 22], [39, 42], [51], [57]];
/** Nose tip, the ridge above it and the base below. */
const NOSE_POINTS = [30, 29, 31, 33, 35] as const;
/** A face point whose match correlates less than this has changed (or been lost) and is left out of the fit. */
const MIN_TRACK_SCORE = 0.5;

export interface ReliefFrame {
  gray: GrayImage;
  landmarks: readonly Point[];
}

export interface ReliefMeasure {
  /** The decision's measure: the nose tip against the face's centre line, at the frame of the turn where it is greatest. */
  relief: number;
  /** Nose points' mean offset from the fitted warp along the turn, in eye distances. */
  warpRelief: number;
  /** RMS of the face points about the warp, in eye distances. */
  fitRms: number;
  /** Face points that were followed well enough to fit the warp. */
  facePoints: number;
  /** Median over the face points of their worst match along the way: low when the face changed between frames. */
  trackScore: number;
  /** The nose tip against the centre line above and below it (a quadratic along the line), in eye distances, at the peak. */
  midline: number;
  /** The nose tip against the nostril wings beside it, in eye distances. */
  wings: number;
  /**
   * How much narrower the face became along the turn than across it, from the followed
   * eye corners and mouth (1: not at all). A head turned θ narrows by about cos θ; a print
   * tilted far enough to look turned narrows much more than its apparent turn explains.
   */
  narrowing: number;
}

/** `frames[0]` is the neutral frame, the last one the turn's peak; those between are followed through. */
export function measureRelief(frames: readonly ReliefFrame[], direction: Direction): ReliefMeasure | undefined {
  if (frames.length < 2) return undefined;
  const neutral = frames[0].landmarks;
  const rightEye = mean(neutral.slice(36, 42));
  const leftEye = mean(neutral.slice(42, 48));
  const eyeDistance = Math.hypot(leftEye.x - rightEye.x, leftEye.y - rightEye.y);
  if (!(eyeDistance > 8)) return undefined;
  const half = clamp(Math.round(eyeDistance * 0.12), 3, 10);
  const search = clamp(Math.round(eyeDistance * 0.1), 3, 10);
  const indices = [...FACE_POINTS, ...NOSE_POINTS];
  const u = { x: (leftEye.x - rightEye.x) / eyeDistance, y: (leftEye.y - rightEye.y) / eyeDistance };
  const v = { x: -u.y, y: u.x };
  const origin = mean([rightEye, leftEye]);
  const local = (p: Point) => {
    const dx = (p.x - origin.x) / eyeDistance;
    const dy = (p.y - origin.y) / eyeDistance;
    return { x: dx * u.x + dy * u.y, y: dx * v.x + dy * v.y };
  };
  const start = indices.map((k) => local(neutral[k]));
  const at = (k: number) => indices.indexOf(k as (typeof indices)[number]);
  const along = direction === "left" ? { x: 1, y: 0 } : direction === "right" ? { x: -1, y: 0 } : direction === "up" ? { x: 0, y: -1 } : { x: 0, y: 1 };
  const tip = at(30);
  /** The tip against the centre line's quadratic, for the points as followed to some frame. */
  const midlineOf = (followed: readonly Point[]) => {
    const shiftAlong = (i: number) => {
      const p = local(followed[i]);
      return (p.x - start[i].x) * along.x + (p.y - start[i].y) * along.y;
    };
    const midlinePoints = (isSideways(direction) ? MIDLINE : MIDLINE_NODDING).map((group) => ({
      y: group.reduce((s, k) => s + start[at(k)].y, 0) / group.length,
      value: group.reduce((s, k) => s + shiftAlong(at(k)), 0) / group.length,
    }));
    const line = leastSquares(midlinePoints.map((p) => [1, p.y, p.y * p.y]), midlinePoints.map((p) => p.value));
    return line ? shiftAlong(tip) - (line[0] + line[1] * start[tip].y + line[2] * start[tip].y ** 2) : Number.NaN;
  };
  let points = indices.map((k) => neutral[k]);
  const scores = indices.map(() => 1);
  const midlines: number[] = [];
  for (let s = 1; s < frames.length; s++) {
    const before = frames[s - 1].landmarks;
    const after = frames[s].landmarks;
    const deform = linearPart(FACE_POINTS.map((k) => before[k]), FACE_POINTS.map((k) => after[k]));
    points = points.map((p, i) => {
      const k = indices[i];
      const guess = { x: p.x + after[k].x - before[k].x, y: p.y + after[k].y - before[k].y };
      const track = trackPoint(frames[s - 1].gray, frames[s].gray, p, guess, { half, search, deform });
      scores[i] = Math.min(scores[i], track.score);
      return track.point;
    });
    midlines.push(midlineOf(points));
  }

  const moved = points.map(local);
  const shift = moved.map((p, i) => ({ x: p.x - start[i].x, y: p.y - start[i].y }));
  let fit = FACE_POINTS.map((_, i) => i).filter((i) => scores[i] >= MIN_TRACK_SCORE);
  if (fit.length < 9) return undefined;
  let warp = fitQuadraticWarp(fit.map((i) => start[i]), fit.map((i) => shift[i]));
  if (!warp) return undefined;
  // One trimming pass: the two worst face points (an expression, a lost patch) leave the fit.
  const residual = (i: number, w: QuadraticWarp) => {
    const predicted = applyWarp(w, start[i]);
    return { x: shift[i].x - predicted.x, y: shift[i].y - predicted.y };
  };
  const worst = [...fit].sort((a, b) => norm(residual(b, warp!)) - norm(residual(a, warp!))).slice(0, 2);
  fit = fit.filter((i) => !worst.includes(i));
  warp = fitQuadraticWarp(fit.map((i) => start[i]), fit.map((i) => shift[i])) ?? warp;

  const noseResiduals = NOSE_POINTS.map((_, n) => FACE_POINTS.length + n).map((i) => residual(i, warp!));
  const warpRelief = noseResiduals.reduce((s, r) => s + r.x * along.x + r.y * along.y, 0) / noseResiduals.length;
  const fitRms = Math.sqrt(fit.reduce((s, i) => s + norm(residual(i, warp!)) ** 2, 0) / fit.length);
  const alongShift = (i: number) => shift[i].x * along.x + shift[i].y * along.y;
  const midline = midlines[midlines.length - 1];
  // The best frame of the turn: a patch that loses the tip near the peak (a large turn, a
  // pose the patch no longer matches) gives less relief than the frames on the way there.
  const relief = midlines.reduce((best, m) => (m > best ? m : best), Number.NEGATIVE_INFINITY);
  const wings = alongShift(tip) - (alongShift(at(31)) + alongShift(at(35))) / 2;
  const span = (points: readonly Point[]) => {
    const eyes = mean([36, 39, 42, 45].map((k) => points[at(k)]));
    const mouth = mean([48, 51, 54, 57].map((k) => points[at(k)]));
    return { across: Math.hypot(points[at(45)].x - points[at(36)].x, points[at(45)].y - points[at(36)].y), down: Math.hypot(mouth.x - eyes.x, mouth.y - eyes.y) };
  };
  const before = span(start);
  const after = span(moved);
  const horizontal = isSideways(direction);
  const narrowing = horizontal ? after.across / before.across / (after.down / before.down) : after.down / before.down / (after.across / before.across);
  const faceScores = FACE_POINTS.map((_, i) => scores[i]).sort((a, b) => a - b);
  const trackScore = faceScores[Math.floor(faceScores.length / 2)];
  return { relief: Number.isFinite(relief) ? relief : Number.NaN, warpRelief, fitRms, facePoints: fit.length, trackScore, midline, wings, narrowing };
}

/**
 * measureRelief over a turn, or, where its face points cannot be followed to the peak
 * (landmarks and patches lose a face turned far: one tuning face's 32-35° turns up), up
 * to the turn's last frame where they can; never over fewer than `keep` frames (the
 * neutral frame and the turn's frames up to its first past the threshold).
 */
export function measureTurnRelief(frames: readonly ReliefFrame[], direction: Direction, keep = 2): ReliefMeasure | undefined {
  for (let end = frames.length; end >= Math.max(2, keep); end--) {
    const measure = measureRelief(frames.slice(0, end), direction);
    if (measure) return measure;
  }
  return undefined;
}

/** Per output coordinate: c0 + c1·x + c2·y + c3·x² + c4·x·y + c5·y². */
interface QuadraticWarp {
  x: number[];
  y: number[];
}

function fitQuadraticWarp(from: readonly Point[], shift: readonly Point[]): QuadraticWarp | undefined {
  const rows = from.map((p) => [1, p.x, p.y, p.x * p.x, p.x * p.y, p.y * p.y]);
  const x = leastSquares(rows, shift.map((s) => s.x));
  const y = leastSquares(rows, shift.map((s) => s.y));
  return x && y ? { x, y } : undefined;
}

function applyWarp(w: QuadraticWarp, p: Point): Point {
  const f = [1, p.x, p.y, p.x * p.x, p.x * p.y, p.y * p.y];
  return { x: f.reduce((s, v, i) => s + v * w.x[i], 0), y: f.reduce((s, v, i) => s + v * w.y[i], 0) };
}

/** Normal equations with a small ridge, solved by Gaussian elimination. */
export function leastSquares(rows: readonly number[][], targets: readonly number[]): number[] | undefined {
  const n = rows[0].length;
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (j === n ? 0 : i === j ? 1e-9 : 0)));
  rows.forEach((row, r) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) a[i][j] += row[i] * row[j];
      a[i][n] += row[i] * targets[r];
    }
  });
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) < 1e-12) return undefined;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r][col] / a[col][col];
      for (let c = col; c <= n; c++) a[r][c] -= factor * a[col][c];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

/** The 2x2 linear part of the affine map that best takes `from` to `to`. */
function linearPart(from: readonly Point[], to: readonly Point[]): [number, number, number, number] | undefined {
  const rows = from.map((p) => [1, p.x, p.y]);
  const x = leastSquares(rows, to.map((p) => p.x));
  const y = leastSquares(rows, to.map((p) => p.y));
  return x && y ? [x[1], x[2], y[1], y[2]] : undefined;
}

function mean(points: readonly Point[]): Point {
  return { x: points.reduce((s, p) => s + p.x, 0) / points.length, y: points.reduce((s, p) => s + p.y, 0) / points.length };
}

function norm(p: Point): number {
  return Math.hypot(p.x, p.y);
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
