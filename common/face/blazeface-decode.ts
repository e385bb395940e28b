import { KEYPOINT_COUNT, type Point } from "./keypoints.js";

/**
 * Turns the raw outputs of MediaPipe's short-range (front) BlazeFace into detections in
 * the model's normalized input coordinates ([0, 1] across the 128x128 input).
 *
 * - Anchors follow MediaPipe's SsdAnchorsCalculator for this model: strides 8, 16, 16,
 *   16 with offset 0.5 and fixed anchor size. Layers of equal stride share one grid, so
 *   the stride-8 layer gives a 16x16 grid with 2 anchors per cell (512) and the three
 *   stride-16 layers an 8x8 grid with 6 anchors per cell (384): 896 in all. Anchors of
 *   one cell share its centre, so an anchor is just that centre.
 * - Each anchor's 16 regressors are box centre offset, box size, then six keypoint
 *   offsets, all in input pixels (MediaPipe's x/y/w/h scale 128).
 * - Raw scores are clipped to [-100, 100] before the sigmoid, as MediaPipe does.
 * - Overlaps are merged by weighted NMS: each group of boxes with IoU >= 0.3 around the
 *   best one becomes their score-weighted mean, keeping the best score.
 */

export const INPUT_SIZE = 128;
const REGRESSORS_PER_ANCHOR = 4 + 2 * KEYPOINT_COUNT;
const SCORE_CLIP = 100;

/** One output head of the model: its grid and the anchors per grid cell. */
export interface AnchorLayer {
  gridSize: number;
  anchorsPerCell: number;
}

/** Output order of the model: Identity/Identity_2 cover the first layer, Identity_1/Identity_3 the second. */
export const FRONT_MODEL_LAYERS: readonly AnchorLayer[] = [
  { gridSize: 16, anchorsPerCell: 2 },
  { gridSize: 8, anchorsPerCell: 6 },
];

/** A detection in normalized input coordinates; the box is given by its centre. */
export interface RawDetection {
  score: number;
  cx: number;
  cy: number;
  width: number;
  height: number;
  keypoints: Point[];
}

/** Anchor centres of one layer, cell by cell in row-major order, repeated per anchor. */
export function anchorCentres(layer: AnchorLayer): Point[] {
  const centres: Point[] = [];
  for (let row = 0; row < layer.gridSize; row++) {
    for (let col = 0; col < layer.gridSize; col++) {
      const centre = { x: (col + 0.5) / layer.gridSize, y: (row + 0.5) / layer.gridSize };
      for (let a = 0; a < layer.anchorsPerCell; a++) centres.push(centre);
    }
  }
  return centres;
}

/** Detections of one layer whose score passes the threshold. */
export function decodeLayer(
  anchors: readonly Point[],
  scores: Float32Array,
  boxes: Float32Array,
  scoreThreshold: number,
): RawDetection[] {
  if (scores.length !== anchors.length || boxes.length !== anchors.length * REGRESSORS_PER_ANCHOR) {
    throw new Error(`BlazeFace output size does not match ${anchors.length} anchors`);
  }
  const detections: RawDetection[] = [];
  for (let i = 0; i < anchors.length; i++) {
    const raw = Math.min(SCORE_CLIP, Math.max(-SCORE_CLIP, scores[i]));
    const score = 1 / (1 + Math.exp(-raw));
    if (score < scoreThreshold) continue;
    const anchor = anchors[i];
    const r = i * REGRESSORS_PER_ANCHOR;
    const keypoints: Point[] = [];
    for (let k = 0; k < KEYPOINT_COUNT; k++) {
      keypoints.push({
        x: anchor.x + boxes[r + 4 + 2 * k] / INPUT_SIZE,
        y: anchor.y + boxes[r + 5 + 2 * k] / INPUT_SIZE,
      });
    }
    detections.push({
      score,
      cx: anchor.x + boxes[r] / INPUT_SIZE,
      cy: anchor.y + boxes[r + 1] / INPUT_SIZE,
      width: boxes[r + 2] / INPUT_SIZE,
      height: boxes[r + 3] / INPUT_SIZE,
      keypoints,
    });
  }
  return detections;
}

function intersectionOverUnion(a: RawDetection, b: RawDetection): number {
  const left = Math.max(a.cx - a.width / 2, b.cx - b.width / 2);
  const right = Math.min(a.cx + a.width / 2, b.cx + b.width / 2);
  const top = Math.max(a.cy - a.height / 2, b.cy - b.height / 2);
  const bottom = Math.min(a.cy + a.height / 2, b.cy + b.height / 2);
  const inner = Math.max(0, right - left) * Math.max(0, bottom - top);
  const union = a.width * a.height + b.width * b.height - inner;
  return union > 0 ? inner / union : 0;
}

function weightedMean(group: readonly RawDetection[]): RawDetection {
  const total = group.reduce((sum, d) => sum + d.score, 0);
  const mean = (pick: (d: RawDetection) => number) =>
    group.reduce((sum, d) => sum + pick(d) * d.score, 0) / total;
  return {
    score: group[0].score,
    cx: mean((d) => d.cx),
    cy: mean((d) => d.cy),
    width: mean((d) => d.width),
    height: mean((d) => d.height),
    keypoints: group[0].keypoints.map((_, k) => ({
      x: mean((d) => d.keypoints[k].x),
      y: mean((d) => d.keypoints[k].y),
    })),
  };
}

/** Weighted non-maximum suppression; the result is ordered by score, best first. */
export function weightedNonMaxSuppression(
  detections: readonly RawDetection[],
  iouThreshold: number,
): RawDetection[] {
  let remaining = [...detections].sort((a, b) => b.score - a.score);
  const merged: RawDetection[] = [];
  while (remaining.length > 0) {
    const [best, ...rest] = remaining;
    const overlaps = rest.map((d) => intersectionOverUnion(best, d) >= iouThreshold);
    merged.push(weightedMean([best, ...rest.filter((_, i) => overlaps[i])]));
    remaining = rest.filter((_, i) => !overlaps[i]);
  }
  return merged;
}
