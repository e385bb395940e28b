import type { RgbaImage } from "../blazeface.js";
import { seededRandom } from "./seeded-random.js";

/**
 * A room-like background for rendered attempts, the same in every frame of one attempt:
 * a vertical colour gradient (wall), a few flat blocks (furniture, a door frame) and a
 * faint fixed texture, chosen by `seed`.
 */
export function sceneBackground(width: number, height: number, seed: number): RgbaImage {
  const random = seededRandom(seed);
  const top = [90 + random() * 120, 90 + random() * 120, 90 + random() * 120];
  const bottom = top.map((c) => c * (0.5 + random() * 0.4));
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const t = y / height;
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) data[p + c] = top[c] + (bottom[c] - top[c]) * t;
      data[p + 3] = 255;
    }
  }
  for (let block = 0; block < 4; block++) {
    const w = width * (0.1 + random() * 0.3);
    const h = height * (0.2 + random() * 0.6);
    const x0 = Math.floor(random() * (width - w));
    const y0 = Math.floor(random() * (height - h));
    const colour = [random() * 255, random() * 255, random() * 255];
    for (let y = y0; y < y0 + h; y++) {
      for (let x = x0; x < x0 + w; x++) {
        const p = (y * width + x) * 4;
        for (let c = 0; c < 3; c++) data[p + c] = data[p + c] * 0.4 + colour[c] * 0.6;
      }
    }
  }
  for (let p = 0; p < width * height; p++) {
    const grain = (random() - 0.5) * 12;
    for (let c = 0; c < 3; c++) data[p * 4 + c] += grain;
  }
  return { data, width, height };
}
