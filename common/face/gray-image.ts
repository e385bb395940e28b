import type { RgbaImage } from "./blazeface.js";

/** A single-channel float image (luma 0-255), for patch tracking and fingerprints. */
export interface GrayImage {
  data: Float32Array;
  width: number;
  height: number;
}

export function toGray(image: RgbaImage): GrayImage {
  const { width, height, data } = image;
  const gray = new Float32Array(width * height);
  for (let i = 0; i < width * height; i++) {
    gray[i] = 0.299 * data[i * 4] + 0.587 * data[i * 4 + 1] + 0.114 * data[i * 4 + 2];
  }
  return { data: gray, width, height };
}

/** Bilinear sample, clamped at the border. */
export function grayAt(image: GrayImage, x: number, y: number): number {
  const cx = Math.min(image.width - 1.0001, Math.max(0, x));
  const cy = Math.min(image.height - 1.0001, Math.max(0, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const fx = cx - x0;
  const fy = cy - y0;
  const p = y0 * image.width + x0;
  const d = image.data;
  const top = d[p] + (d[p + 1] - d[p]) * fx;
  const bottom = d[p + image.width] + (d[p + image.width + 1] - d[p + image.width]) * fx;
  return top + (bottom - top) * fy;
}
