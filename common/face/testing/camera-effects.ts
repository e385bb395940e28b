import jpeg from "jpeg-js";
import type { RgbaImage } from "../blazeface.js";
import { gaussian, seededRandom } from "./seeded-random.js";

/**
 * What a webcam and its encoder do to a rendered frame: sensor noise, a little blur, and
 * JPEG compression. Every effect is seeded, so a test set reproduces.
 */

export interface CameraEffects {
  /** Standard deviation of per-pixel Gaussian noise, in 0-255 levels. */
  noise?: number;
  /** Blur radius in pixels (a [1 2 1]-weighted kernel applied this many times). */
  blur?: number;
  /** JPEG quality 1-100 of the posted frame. */
  jpegQuality?: number;
}

export function applyEffects(image: RgbaImage, effects: CameraEffects, seed: number): RgbaImage {
  let data: Uint8ClampedArray = new Uint8ClampedArray(image.data);
  const { width, height } = image;
  for (let pass = 0; pass < (effects.blur ?? 0); pass++) data = blurOnce(data, width, height);
  if (effects.noise) {
    const normal = gaussian(seededRandom(seed));
    for (let i = 0; i < data.length; i += 4) {
      for (let c = 0; c < 3; c++) data[i + c] = data[i + c] + normal() * effects.noise;
    }
  }
  return { data, width, height };
}

/** The JPEG the camera's frame becomes (quality 85 unless said otherwise). */
export function encodeJpeg(image: RgbaImage, quality = 85): Buffer {
  return jpeg.encode({ data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), width: image.width, height: image.height }, quality).data;
}

export function decodeJpeg(bytes: Uint8Array): RgbaImage {
  const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { data: decoded.data, width: decoded.width, height: decoded.height };
}

/** Halves (or otherwise scales down) a frame by averaging, as a browser's canvas does. */
export function downscale(image: RgbaImage, width: number, height: number): RgbaImage {
  const out = new Uint8ClampedArray(width * height * 4);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += image.data[(yy * image.width + xx) * 4 + c];
        out[(y * width + x) * 4 + c] = sum / ((y1 - y0) * (x1 - x0));
      }
    }
  }
  return { data: out, width, height };
}

function blurOnce(data: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const horizontal = new Float32Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const left = Math.max(0, x - 1);
      const right = Math.min(width - 1, x + 1);
      for (let c = 0; c < 3; c++) {
        const at = (xx: number) => data[(y * width + xx) * 4 + c];
        horizontal[(y * width + x) * 4 + c] = (at(left) + 2 * at(x) + at(right)) / 4;
      }
    }
  }
  const out = new Uint8ClampedArray(data.length);
  for (let y = 0; y < height; y++) {
    const up = Math.max(0, y - 1);
    const down = Math.min(height - 1, y + 1);
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        const at = (yy: number) => horizontal[(yy * width + x) * 4 + c];
        out[(y * width + x) * 4 + c] = (at(up) + 2 * at(y) + at(down)) / 4;
      }
      out[(y * width + x) * 4 + 3] = 255;
    }
  }
  return out;
}
