import { grayAt, type GrayImage } from "./gray-image.js";
import type { Point } from "./keypoints.js";

/**
 * Follows a point from one frame to the next by the pixels around it, not by a network's
 * idea of where a face's features should be: a square patch of the first frame is
 * searched for (zero-mean normalized cross-correlation) around a guess in the second,
 * and the best match refined to a fraction of a pixel with a parabola through its
 * neighbours. Landmark networks regress points from the whole face and put them where a
 * face's shape suggests, so a bent print that looks turned gets a turned face's points;
 * the pixels themselves move as the print does.
 */

export interface TrackOptions {
  /** Patch half size in pixels (the patch is 2·half + 1 wide). */
  half: number;
  /** Largest offset from the guess searched, in pixels. */
  search: number;
  /**
   * How the face's surroundings deform from the first frame to the second (a 2x2 matrix,
   * row-major): the patch is sampled in the second frame along these axes, so a face
   * narrowed by a turn (or a print by its tilt) is compared with a narrowed patch. The
   * search offsets run along the same axes, so the region around the guess is sampled
   * once and every offset's window is a square of it.
   */
  deform?: readonly [number, number, number, number];
}

export interface Track {
  point: Point;
  /** Correlation of the best match, -1..1; low for a feature that changed or left. */
  score: number;
}

export function trackPoint(from: GrayImage, to: GrayImage, at: Point, guess: Point, options: TrackOptions): Track {
  const { half, search } = options;
  const [a, b, c, d] = options.deform ?? [1, 0, 0, 1];
  const size = 2 * half + 1;
  const template = new Float32Array(size * size);
  for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) template[j * size + i] = grayAt(from, at.x + i - half, at.y + j - half);
  const centred = normalize(template);
  if (!centred) return { point: guess, score: -1 };

  // The second frame around the guess, sampled once along the deformed axes: the window
  // at offset (dx, dy) is the region's square at (dx, dy), i.e. the frame at
  // guess + deform · (offset + patch point).
  const reach = half + search;
  const side = 2 * reach + 1;
  const region = new Float32Array(side * side);
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const u = i - reach;
      const v = j - reach;
      region[j * side + i] = grayAt(to, guess.x + a * u + b * v, guess.y + c * u + d * v);
    }
  }
  const { sum, squares } = integralImages(region, side);
  const boxOf = (table: Float64Array, x: number, y: number) =>
    table[(y + size) * (side + 1) + x + size] - table[y * (side + 1) + x + size] - table[(y + size) * (side + 1) + x] + table[y * (side + 1) + x];

  const span = 2 * search + 1;
  const scores = new Float32Array(span * span);
  const count = size * size;
  let best = 0;
  for (let oy = 0; oy < span; oy++) {
    for (let ox = 0; ox < span; ox++) {
      // The template sums to 0, so its dot product with the window needs no window mean.
      let dot = 0;
      for (let j = 0; j < size; j++) {
        const row = (oy + j) * side + ox;
        const t = j * size;
        for (let i = 0; i < size; i++) dot += centred[t + i] * region[row + i];
      }
      const windowSum = boxOf(sum, ox, oy);
      const variance = boxOf(squares, ox, oy) - (windowSum * windowSum) / count;
      const k = oy * span + ox;
      scores[k] = variance > 1e-6 ? dot / Math.sqrt(variance) : -1;
      if (scores[k] > scores[best]) best = k;
    }
  }
  const bx = (best % span) - search;
  const by = Math.floor(best / span) - search;
  const at2 = (dx: number, dy: number) => scores[(dy + search) * span + dx + search];
  const refine = (minus: number, centre: number, plus: number) => {
    const curvature = minus - 2 * centre + plus;
    return curvature < 0 ? Math.max(-0.5, Math.min(0.5, (minus - plus) / (2 * curvature))) : 0;
  };
  const sx = bx + (bx > -search && bx < search ? refine(at2(bx - 1, by), at2(bx, by), at2(bx + 1, by)) : 0);
  const sy = by + (by > -search && by < search ? refine(at2(bx, by - 1), at2(bx, by), at2(bx, by + 1)) : 0);
  return { point: { x: guess.x + a * sx + b * sy, y: guess.y + c * sx + d * sy }, score: scores[best] };
}

/** Summed-area tables of the values and their squares, (side + 1)² with a zero first row and column. */
function integralImages(values: Float32Array, side: number): { sum: Float64Array; squares: Float64Array } {
  const stride = side + 1;
  const sum = new Float64Array(stride * stride);
  const squares = new Float64Array(stride * stride);
  for (let y = 0; y < side; y++) {
    let rowSum = 0;
    let rowSquares = 0;
    for (let x = 0; x < side; x++) {
      const v = values[y * side + x];
      rowSum += v;
      rowSquares += v * v;
      sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1] + rowSum;
      squares[(y + 1) * stride + x + 1] = squares[y * stride + x + 1] + rowSquares;
    }
  }
  return { sum, squares };
}

/** Zero-mean, unit-norm copy, or undefined for a flat patch (nothing to follow). */
function normalize(values: Float32Array): Float32Array | undefined {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let norm = 0;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i] - mean;
    norm += out[i] * out[i];
  }
  if (norm < values.length * 4) return undefined;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}
