import type { RgbaImage } from "./blazeface.js";
import type { Point } from "./keypoints.js";

/**
 * Crops for the face networks: a square (or a similarity transform) of the frame sampled
 * bilinearly into an NCHW float tensor, normalized as face-api normalizes its input,
 * `(rgb - mean) / 255`. Pixels outside the frame are black, as face-api pads.
 */

export interface SquareBox {
  x: number;
  y: number;
  size: number;
}

/** Maps output pixel (i, j) to frame point origin + i·ax + j·ay. */
export interface CropTransform {
  origin: Point;
  ax: Point;
  ay: Point;
}

export function squareTransform(box: SquareBox, outputSize: number): CropTransform {
  const step = box.size / outputSize;
  return { origin: { x: box.x + step / 2 - 0.5, y: box.y + step / 2 - 0.5 }, ax: { x: step, y: 0 }, ay: { x: 0, y: step } };
}

/** Writes one crop into `out` (3 planes of size², starting at `offset`). */
export function writeCrop(
  image: RgbaImage,
  transform: CropTransform,
  size: number,
  mean: readonly number[],
  out: Float32Array,
  offset: number,
): void {
  const plane = size * size;
  const { data, width, height } = image;
  const [meanR, meanG, meanB] = mean;
  const scale = 1 / 255;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = transform.origin.x + i * transform.ax.x + j * transform.ay.x;
      const y = transform.origin.y + i * transform.ax.y + j * transform.ay.y;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      // The four neighbours' weights; a neighbour outside the frame is black (weight 0).
      const inX0 = x0 >= 0 && x0 < width;
      const inX1 = x0 + 1 >= 0 && x0 + 1 < width;
      const inY0 = y0 >= 0 && y0 < height;
      const inY1 = y0 + 1 >= 0 && y0 + 1 < height;
      const w00 = inX0 && inY0 ? (1 - fx) * (1 - fy) : 0;
      const w10 = inX1 && inY0 ? fx * (1 - fy) : 0;
      const w01 = inX0 && inY1 ? (1 - fx) * fy : 0;
      const w11 = inX1 && inY1 ? fx * fy : 0;
      const p00 = w00 ? (y0 * width + x0) * 4 : 0;
      const p10 = w10 ? (y0 * width + x0 + 1) * 4 : 0;
      const p01 = w01 ? ((y0 + 1) * width + x0) * 4 : 0;
      const p11 = w11 ? ((y0 + 1) * width + x0 + 1) * 4 : 0;
      const o = offset + j * size + i;
      out[o] = (w00 * data[p00] + w10 * data[p10] + w01 * data[p01] + w11 * data[p11] - meanR) * scale;
      out[o + plane] = (w00 * data[p00 + 1] + w10 * data[p10 + 1] + w01 * data[p01 + 1] + w11 * data[p11 + 1] - meanG) * scale;
      out[o + 2 * plane] = (w00 * data[p00 + 2] + w10 * data[p10 + 2] + w01 * data[p01 + 2] + w11 * data[p11 + 2] - meanB) * scale;
    }
  }
}

/** The square around the points' bounding box, `scale` times its larger side. */
export function squareAround(points: readonly Point[], scale: number): SquareBox {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const size = Math.max(maxX - minX, maxY - minY) * scale;
  return { x: (minX + maxX) / 2 - size / 2, y: (minY + maxY) / 2 - size / 2, size };
}
