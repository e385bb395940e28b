import { describe, expect, it } from "vitest";
import type { GrayImage } from "./gray-image.js";
import type { Point } from "./keypoints.js";
import { measureRelief, measureTurnRelief } from "./nose-relief.js";

/**
 * measureRelief on a synthetic face: a random texture (sum of blobs) shifted by the turn,
 * with the region around the nose tip shifted further by a known amount (its relief).
 * Landmarks move with the face alone, as a landmark network reading the face would guess.
 */
const SIZE = 240;
const EYE_DISTANCE = 80;
const TIP = { x: 120, y: 135 };
const CHIN = { x: 120, y: 215 };

const blobs = Array.from({ length: 500 }, (_, i) => ({ x: (i * 37.3) % SIZE, y: (i * 53.7 + (i % 7) * 11) % SIZE, r: 3 + (i % 4), a: (i % 2 ? 1 : -1) * (30 + (i % 5) * 10) }));

/**
 * The texture seen with everything moved `shift` px to the right (or up, `vertical`) and
 * the nose tip `relief` px further; `chin` px more around the chin point.
 */
function frame(shift: number, relief: number, { vertical = false, chin = 0 } = {}): GrayImage {
  const data = new Float32Array(SIZE * SIZE);
  const bump = (x: number, y: number, at: { x: number; y: number }) => Math.exp(-((x - at.x) ** 2 + (y - at.y) ** 2) / (2 * 16 * 16));
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const moved = shift + relief * bump(x, y, TIP) + chin * bump(x, y, CHIN);
      const u = vertical ? x : x - moved;
      const w = vertical ? y + moved : y;
      let value = 128;
      for (const b of blobs) {
        const d2 = (u - b.x) ** 2 + (w - b.y) ** 2;
        if (d2 < 100) value += b.a * Math.exp(-d2 / (2 * b.r * b.r));
      }
      data[y * SIZE + x] = value;
    }
  }
  return { data, width: SIZE, height: SIZE };
}

/** 68 landmarks: those the measure reads placed on a face with eyes EYE_DISTANCE apart, the rest at the nose. */
function landmarks(shift: number, vertical = false): Point[] {
  const placed: Record<number, [number, number]> = {
    8: [120, 215], 19: [70, 80], 21: [105, 80], 22: [135, 80], 24: [170, 80],
    29: [120, 115], 30: [TIP.x, TIP.y], 31: [105, 140], 33: [120, 142], 35: [135, 140],
    48: [95, 170], 51: [120, 162], 54: [145, 170], 57: [120, 178],
  };
  for (let k = 36; k < 42; k++) placed[k] = [120 - EYE_DISTANCE / 2 + (k - 36 - 2.5) * 6, 100];
  for (let k = 42; k < 48; k++) placed[k] = [120 + EYE_DISTANCE / 2 + (k - 42 - 2.5) * 6, 100];
  return Array.from({ length: 68 }, (_, k) => {
    const [x, y] = placed[k] ?? [TIP.x, TIP.y];
    return vertical ? { x, y: y - shift } : { x: x + shift, y };
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

  it("measures a turn up to its last frame whose face points can be followed, never short of the frames it must keep", () => {
    const lost: GrayImage = { data: Float32Array.from({ length: SIZE * SIZE }, (_, i) => 128 + 60 * Math.sin(i * 0.37) * Math.cos(i * 0.011)), width: SIZE, height: SIZE };
    const frames = [
      { gray: frame(0, 0), landmarks: landmarks(0) },
      { gray: frame(4, 5), landmarks: landmarks(4) },
      { gray: lost, landmarks: landmarks(6) },
    ];
    expect(measureRelief(frames, "left")).toBeUndefined();
    const measure = measureTurnRelief(frames, "left", 2)!;
    expect(measure.relief).toBeGreaterThan(0.032);
    expect(measure.trackScore).toBeGreaterThan(0.9);
    expect(measureTurnRelief(frames, "left", 3)).toBeUndefined();
  });

  it("reads a nod's relief against the centre line without the chin, whose outline a nod moves on its own", () => {
    // Looking up: the face moves 4 px up, the tip 5 px further, the chin's outline 6 px further.
    const frames = [
      { gray: frame(0, 0, { vertical: true }), landmarks: landmarks(0, true) },
      { gray: frame(4, 5, { vertical: true, chin: 6 }), landmarks: landmarks(4, true) },
    ];
    const measure = measureRelief(frames, "up")!;
    expect(measure.relief).toBeGreaterThan(0.03);
    expect(measure.relief).toBeLessThan(0.045);
  });

  it("shows no relief where the tip moves with the face (a print), at any frame", () => {
    const frames = [0, 3, 6].map((shift) => ({ gray: frame(shift, 0), landmarks: landmarks(shift) }));
    const measure = measureRelief(frames, "left")!;
    expect(Math.abs(measure.relief)).toBeLessThan(0.005);
    expect(Math.abs(measure.midline)).toBeLessThan(0.005);
  });
});
