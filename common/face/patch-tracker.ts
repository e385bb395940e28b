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
   * narrowed by a turn (or a print by its tilt) is compared with a narrowed patch.
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

  const span = 2 * search + 1;
  const scores = new Float32Array(span * span);
  const window = new Float32Array(size * size);
  const gx = Math.round(guess.x);
  const gy = Math.round(guess.y);
  const fx = guess.x - gx;
  const fy = guess.y - gy;
  let best = 0;
  for (let dy = -search; dy <= search; dy++) {
    for (let dx = -search; dx <= search; dx++) {
      for (let j = 0; j < size; j++) {
        for (let i = 0; i < size; i++) {
          const u = i - half;
          const v = j - half;
          window[j * size + i] = grayAt(to, gx + fx + dx + a * u + b * v, gy + fy + dy + c * u + d * v);
        }
      }
      const k = (dy + search) * span + dx + search;
      scores[k] = correlation(centred, window);
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
  const sx = bx > -search && bx < search ? refine(at2(bx - 1, by), at2(bx, by), at2(bx + 1, by)) : 0;
  const sy = by > -search && by < search ? refine(at2(bx, by - 1), at2(bx, by), at2(bx, by + 1)) : 0;
  return { point: { x: guess.x + bx + sx, y: guess.y + by + sy }, score: scores[best] };
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

function correlation(centredTemplate: Float32Array, window: Float32Array): number {
  let mean = 0;
  for (const v of window) mean += v;
  mean /= window.length;
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < window.length; i++) {
    const w = window[i] - mean;
    dot += centredTemplate[i] * w;
    norm += w * w;
  }
  return norm > 1e-6 ? dot / Math.sqrt(norm) : -1;
}
