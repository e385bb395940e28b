import type { RgbaImage } from "./blazeface.js";

/**
 * A single-channel float image (luma 0-255), for patch tracking and fingerprints: a whole
 * frame, or only the part of it around a face (`left`, `top` say where that part starts),
 * so that a judge does not convert and hold whole frames it looks at a face of.
 */
export interface GrayImage {
  data: Float32Array;
  width: number;
  height: number;
  /** Where the stored part starts in the frame (0 when it is the whole frame). */
  left?: number;
  top?: number;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Luma of the frame, or of the part of it in `region` (clipped to the frame). */
export function toGray(image: RgbaImage, region?: Region): GrayImage {
  const left = region ? Math.max(0, Math.floor(region.x)) : 0;
  const top = region ? Math.max(0, Math.floor(region.y)) : 0;
  const right = region ? Math.min(image.width, Math.ceil(region.x + region.width)) : image.width;
  const bottom = region ? Math.min(image.height, Math.ceil(region.y + region.height)) : image.height;
  const width = Math.max(2, right - left);
  const height = Math.max(2, bottom - top);
  const gray = new Float32Array(width * height);
  const { data } = image;
  for (let y = 0; y < height; y++) {
    const row = Math.min(image.height - 1, top + y);
    for (let x = 0; x < width; x++) {
      const p = (row * image.width + Math.min(image.width - 1, left + x)) * 4;
      gray[y * width + x] = 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
    }
  }
  return { data: gray, width, height, left, top };
}

/** Bilinear sample at frame coordinates, clamped at the border of the stored part. */
export function grayAt(image: GrayImage, x: number, y: number): number {
  const cx = Math.min(image.width - 1.0001, Math.max(0, x - (image.left ?? 0)));
  const cy = Math.min(image.height - 1.0001, Math.max(0, y - (image.top ?? 0)));
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
