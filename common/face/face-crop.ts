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
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = transform.origin.x + i * transform.ax.x + j * transform.ay.x;
      const y = transform.origin.y + i * transform.ax.y + j * transform.ay.y;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      const o = offset + j * size + i;
      for (let c = 0; c < 3; c++) {
        const at = (px: number, py: number) =>
          px < 0 || py < 0 || px >= width || py >= height ? 0 : data[(py * width + px) * 4 + c];
        const top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * fx;
        const bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * fx;
        out[o + c * plane] = (top + (bottom - top) * fy - mean[c]) / 255;
      }
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
