import type { Point } from "./keypoints.js";

/**
 * Planar projective (homography) fit between two views of the same points, to tell a
 * flat picture from a 3D head: any motion of a plane in front of a pinhole camera,
 * including tilting it, maps its image points by one homography, while a turning head
 * moves its nose and ears by parallax that no homography explains.
 *
 * - The fit is Hartley-normalized DLT: both point sets are moved to centroid 0 and mean
 *   distance sqrt(2) before solving, so the result does not depend on pixel units.
 * - It needs at least 4 point pairs; with 4 the fit is exact, so the residual only
 *   means something with 5 or more.
 */

/** Row-major 3x3 matrix mapping `from` points to `to` points. */
export type Homography = readonly number[];

/** Fits a homography with DLT, or undefined when the points are degenerate (e.g. collinear). */
export function fitHomography(from: readonly Point[], to: readonly Point[]): Homography | undefined {
  if (from.length !== to.length || from.length < 4) throw new Error("Need 4 or more point pairs");
  const nFrom = normalization(from);
  const nTo = normalization(to);
  if (!nFrom || !nTo) return undefined;
  // Each pair gives two rows of A h = 0; h is the eigenvector of AᵀA with the smallest eigenvalue.
  const ata = Array.from({ length: 9 }, () => new Array<number>(9).fill(0));
  for (let i = 0; i < from.length; i++) {
    const p = apply(nFrom, from[i]);
    const q = apply(nTo, to[i]);
    const rows = [
      [-p.x, -p.y, -1, 0, 0, 0, q.x * p.x, q.x * p.y, q.x],
      [0, 0, 0, -p.x, -p.y, -1, q.y * p.x, q.y * p.y, q.y],
    ];
    for (const row of rows) {
      for (let r = 0; r < 9; r++) for (let c = 0; c < 9; c++) ata[r][c] += row[r] * row[c];
    }
  }
  const h = smallestEigenvector(ata);
  // Undo the normalizations: H = T_to⁻¹ · Hn · T_from.
  const result = multiply(multiply(inverseSimilarity(nTo), h), nFrom);
  return Number.isFinite(result[8]) && Math.abs(result[8]) > 1e-12 ? result.map((v) => v / result[8]) : undefined;
}

/** Maps a point by a homography (non-finite when it lands at infinity). */
export function apply(h: Homography, p: Point): Point {
  const w = h[6] * p.x + h[7] * p.y + h[8];
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w };
}

/**
 * How badly the best homography explains the motion: RMS distance between the mapped
 * `from` points and the `to` points, as a fraction of face size: the RMS spread of the
 * points around their centroid, in whichever view is larger. A view foreshortened by
 * tilt or distance would otherwise inflate detector noise into apparent depth.
 * Infinity when no homography fits.
 */
export function planarResidual(from: readonly Point[], to: readonly Point[]): number {
  const h = fitHomography(from, to);
  if (!h) return Number.POSITIVE_INFINITY;
  let squared = 0;
  for (let i = 0; i < from.length; i++) {
    const mapped = apply(h, from[i]);
    squared += (mapped.x - to[i].x) ** 2 + (mapped.y - to[i].y) ** 2;
  }
  const residual = Math.sqrt(squared / from.length) / Math.max(rmsSpread(from), rmsSpread(to));
  return Number.isFinite(residual) ? residual : Number.POSITIVE_INFINITY;
}

function rmsSpread(points: readonly Point[]): number {
  const cx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const cy = points.reduce((s, p) => s + p.y, 0) / points.length;
  return Math.sqrt(points.reduce((s, p) => s + (p.x - cx) ** 2 + (p.y - cy) ** 2, 0) / points.length);
}

/** Similarity moving the points to centroid 0 and mean distance sqrt(2). */
function normalization(points: readonly Point[]): Homography | undefined {
  const cx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const cy = points.reduce((s, p) => s + p.y, 0) / points.length;
  const mean = points.reduce((s, p) => s + Math.hypot(p.x - cx, p.y - cy), 0) / points.length;
  if (!(mean > 1e-9)) return undefined;
  const s = Math.SQRT2 / mean;
  return [s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1];
}

function inverseSimilarity(t: Homography): Homography {
  const s = t[0];
  return [1 / s, 0, -t[2] / s, 0, 1 / s, -t[5] / s, 0, 0, 1];
}

function multiply(a: Homography, b: Homography): number[] {
  const m = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      for (let k = 0; k < 3; k++) m[r * 3 + c] += a[r * 3 + k] * b[k * 3 + c];
    }
  }
  return m;
}

/** Cyclic Jacobi eigenvalue iteration on a symmetric matrix; enough for 9x9. */
function smallestEigenvector(symmetric: number[][]): number[] {
  const n = symmetric.length;
  const a = symmetric.map((row) => [...row]);
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let smallest = 0;
  for (let i = 1; i < n; i++) if (a[i][i] < a[smallest][smallest]) smallest = i;
  return v.map((row) => row[smallest]);
}
