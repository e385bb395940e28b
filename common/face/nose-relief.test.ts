import { describe, expect, it } from "vitest";
import type { GrayImage } from "./gray-image.js";
import type { Point } from "./keypoints.js";
import { measureRelief } from "./nose-relief.js";

/**
 * measureRelief on a synthetic face: a random texture (sum of blobs) shifted by the turn,
 * with the region around the nose tip shifted further by a known amount (its relief).
 * Landmarks move with the face alone, as a landmark network reading the face would guess.
 */
const SIZE = 240;
const EYE_DISTANCE = 80;
const TIP = { x: 120, y: 135 };

const blobs = Array.from({ length: 500 }, (_, i) => ({ x: (i * 37.3) % SIZE, y: (i * 53.7 + (i % 7) * 11) % SIZE, r: 3 + (i % 4), a: (i % 2 ? 1 : -1) * (30 + (i % 5) * 10) }));

/** The texture seen with everything moved `shift` px to the right and the nose tip `relief` px further. */
function frame(shift: number, relief: number): GrayImage {
  const data = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const moved = shift + relief * Math.exp(-((x - TIP.x) ** 2 + (y - TIP.y) ** 2) / (2 * 16 * 16));
      const u = x - moved;
      let value = 128;
      for (const b of blobs) {
        const d2 = (u - b.x) ** 2 + (y - b.y) ** 2;
        if (d2 < 100) value += b.a * Math.exp(-d2 / (2 * b.r * b.r));
      }
      data[y * SIZE + x] = value;
    }
  }
  return { data, width: SIZE, height: SIZE };
}

/** 68 landmarks: those the measure reads placed on a face with eyes EYE_DISTANCE apart, the rest at the nose. */
function landmarks(shift: number): Point[] {
  const placed: Record<number, [number, number]> = {
    8: [120, 215], 19: [70, 80], 21: [105, 80], 22: [135, 80], 24: [170, 80],
    29: [120, 115], 30: [TIP.x, TIP.y], 31: [105, 140], 33: [120, 142], 35: [135, 140],
    48: [95, 170], 51: [120, 162], 54: [145, 170], 57: [120, 178],
  };
  for (let k = 36; k < 42; k++) placed[k] = [120 - EYE_DISTANCE / 2 + (k - 36 - 2.5) * 6, 100];
  for (let k = 42; k < 48; k++) placed[k] = [120 + EYE_DISTANCE / 2 + (k - 42 - 2.5) * 6, 100];
  return Array.from({ length: 68 }, (_, k) => {
    const [x, y] = placed[k] ?? [TIP.x, TIP.y];
    return { x: x + shift, y };
  });
}

describe("measureRelief", () => {
  it("takes the turn's frame with the most relief, not only its peak, where the tip may be lost", () => {
    // Neutral, then a frame with the tip 5 px ahead of the face, then the peak with it 2 px ahead.
    const frames = [
      { gray: frame(0, 0), landmarks: landmarks(0) },
      { gray: frame(4, 5), landmarks: landmarks(4) },
      { gray: frame(6, 2), landmarks: landmarks(6) },
    ];
    const measure = measureRelief(frames, "left")!;
    // The patch around the tip spans more than the raised region, so it reads part of the
    // 5 px (0.0625) and 2 px (0.025): about 0.037 and 0.015.
    expect(measure.midline).toBeGreaterThan(0.01);
    expect(measure.midline).toBeLessThan(0.02);
    expect(measure.relief).toBeGreaterThan(0.032);
    expect(measure.relief).toBeLessThan(0.042);
  });

  it("shows no relief where the tip moves with the face (a print), at any frame", () => {
    const frames = [0, 3, 6].map((shift) => ({ gray: frame(shift, 0), landmarks: landmarks(shift) }));
    const measure = measureRelief(frames, "left")!;
    expect(Math.abs(measure.relief)).toBeLessThan(0.005);
    expect(Math.abs(measure.midline)).toBeLessThan(0.005);
  });
});
