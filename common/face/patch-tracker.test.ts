import { describe, expect, it } from "vitest";
import type { GrayImage } from "./gray-image.js";
import { trackPoint } from "./patch-tracker.js";

/** A smooth random texture (sum of blobs), shifted and squeezed by known amounts. */
function texture(transform: (x: number, y: number) => [number, number]): GrayImage {
  const width = 120;
  const height = 100;
  const blobs = Array.from({ length: 60 }, (_, i) => ({ x: (i * 37) % width, y: (i * 53) % height, r: 3 + (i % 5), a: (i % 2 ? 1 : -1) * (40 + (i % 7) * 10) }));
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [u, v] = transform(x, y);
      data[y * width + x] = 128 + blobs.reduce((s, b) => s + b.a * Math.exp(-((u - b.x) ** 2 + (v - b.y) ** 2) / (2 * b.r * b.r)), 0);
    }
  }
  return { data, width, height };
}

describe("trackPoint", () => {
  const before = texture((x, y) => [x, y]);

  it("finds a point moved by a fraction of a pixel to within a quarter pixel", () => {
    const after = texture((x, y) => [x - 2.3, y + 1.6]);
    const track = trackPoint(before, after, { x: 60, y: 50 }, { x: 60, y: 50 }, { half: 6, search: 5 });
    expect(track.point.x).toBeCloseTo(62.3, 0);
    expect(Math.abs(track.point.x - 62.3)).toBeLessThan(0.25);
    expect(Math.abs(track.point.y - 48.4)).toBeLessThan(0.25);
    expect(track.score).toBeGreaterThan(0.95);
  });

  it("follows a squeezed neighbourhood when told how it deforms, and matches worse when not", () => {
    const squeeze = 0.65;
    const after = texture((x, y) => [60 + (x - 60) / squeeze, y]);
    const told = trackPoint(before, after, { x: 70, y: 50 }, { x: 66, y: 50 }, { half: 6, search: 5, deform: [squeeze, 0, 0, 1] });
    const untold = trackPoint(before, after, { x: 70, y: 50 }, { x: 66, y: 50 }, { half: 6, search: 5 });
    expect(Math.abs(told.point.x - 66.5)).toBeLessThan(0.4);
    expect(told.score).toBeGreaterThan(untold.score);
  });

  it("scores a patch that is not in the second frame low", () => {
    const other: GrayImage = { ...before, data: before.data.map((_, i) => 128 + 60 * Math.sin(i * 0.37) * Math.cos(i * 0.011)) };
    const track = trackPoint(before, other, { x: 60, y: 50 }, { x: 60, y: 50 }, { half: 6, search: 3 });
    expect(track.score).toBeLessThan(0.6);
  });
});
