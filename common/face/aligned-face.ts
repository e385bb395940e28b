import { grayAt, type GrayImage } from "./gray-image.js";
import type { Point } from "./keypoints.js";

/**
 * A small grayscale picture of the face aligned on its eyes (eye centres from the 68
 * landmarks at fixed places), so that where the face is in the frame, how large and how
 * rolled no longer matter: frame-to-frame appearance and fingerprints compare these.
 * Each output pixel averages a 3x3 grid of bilinear samples, so a large face is not
 * aliased into noise.
 */

export const ALIGNED_SIZE = 32;
/** Eye centres in the aligned picture: 12 px apart, a third of the way down. */
const RIGHT_EYE = { x: 10, y: 11 };
const LEFT_EYE = { x: 22, y: 11 };

export function alignedFace(gray: GrayImage, landmarks: readonly Point[], size = ALIGNED_SIZE): Float32Array {
  const rightEye = mean(landmarks.slice(36, 42));
  const leftEye = mean(landmarks.slice(42, 48));
  const scale = size / ALIGNED_SIZE;
  const dx = leftEye.x - rightEye.x;
  const dy = leftEye.y - rightEye.y;
  // Frame units per output pixel, along the eye line (cos, sin) and across it.
  const step = Math.hypot(dx, dy) / ((LEFT_EYE.x - RIGHT_EYE.x) * scale);
  const angle = Math.atan2(dy, dx);
  const cos = Math.cos(angle) * step;
  const sin = Math.sin(angle) * step;
  const out = new Float32Array(size * size);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let sum = 0;
      for (let sj = -1; sj <= 1; sj++) {
        for (let si = -1; si <= 1; si++) {
          const u = i + 0.5 + si / 3 - RIGHT_EYE.x * scale;
          const v = j + 0.5 + sj / 3 - RIGHT_EYE.y * scale;
          sum += grayAt(gray, rightEye.x + u * cos - v * sin - 0.5, rightEye.y + u * sin + v * cos - 0.5);
        }
      }
      out[j * size + i] = sum / 9;
    }
  }
  return out;
}

/** Zero-mean normalized cross-correlation of two pictures of the same size, -1..1. */
export function correlation(a: Float32Array, b: Float32Array): number {
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < a.length; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= a.length;
  meanB /= b.length;
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] - meanA) * (b[i] - meanB);
    normA += (a[i] - meanA) ** 2;
    normB += (b[i] - meanB) ** 2;
  }
  return normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0;
}

function mean(points: readonly Point[]): Point {
  return { x: points.reduce((s, p) => s + p.x, 0) / points.length, y: points.reduce((s, p) => s + p.y, 0) / points.length };
}
