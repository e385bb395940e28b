import { describe, expect, it } from "vitest";
import { apply, fitHomography, planarResidual } from "./homography.js";

const points = [
  { x: 100, y: 100 },
  { x: 200, y: 95 },
  { x: 150, y: 150 },
  { x: 150, y: 190 },
  { x: 60, y: 110 },
  { x: 240, y: 100 },
];
const perspective = [1.2, 0.1, 30, -0.05, 0.9, 10, 0.0005, -0.0003, 1];

describe("fitHomography", () => {
  it("recovers the homography that moved the points", () => {
    const fitted = fitHomography(
      points,
      points.map((p) => apply(perspective, p)),
    );
    fitted?.forEach((value, i) => expect(value).toBeCloseTo(perspective[i], 8));
  });

  it("gives up on collinear points", () => {
    const line = points.map((_, i) => ({ x: i * 10, y: i * 5 }));
    expect(fitHomography(line, line)).toBeUndefined();
  });
});

describe("planarResidual", () => {
  it("is zero for points moved by a homography", () => {
    expect(planarResidual(points, points.map((p) => apply(perspective, p)))).toBeLessThan(1e-9);
  });

  it("grows with a point moved off the homography, relative to the spread of the points", () => {
    const moved = points.map((p) => apply(perspective, p));
    const small = moved.map((p, i) => (i === 2 ? { x: p.x + 3, y: p.y } : p));
    const large = moved.map((p, i) => (i === 2 ? { x: p.x + 12, y: p.y } : p));
    expect(planarResidual(points, small)).toBeGreaterThan(0.005);
    expect(planarResidual(points, large)).toBeCloseTo(4 * planarResidual(points, small), 1);
  });
});
