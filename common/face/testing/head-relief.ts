import type { Point } from "../keypoints.js";

/**
 * A head's relief for a canonical face texture (face-photos.ts: 1 px = 1 mm), made from
 * the texture's 68 landmarks: a flattened ellipsoid for the skull and cheeks, a nose that
 * rises from the bridge to its tip, hollow eye sockets, lips and chin. Heights are
 * millimetres towards the camera above the ears' plane. Real noses stand 15-25 mm out of
 * the cheeks; `noseMm` picks one per person.
 */

export interface HeadRelief {
  /** Height (mm towards the camera) at texture point (x, y); undefined outside the head. */
  heightAt(x: number, y: number): number | undefined;
  /** Rotation centre in texture coordinates and height: the top of the spine. */
  pivot: { x: number; y: number; height: number };
}

export interface ReliefOptions {
  noseMm?: number;
  /** Depth of the head from the face's front to the ears' plane. */
  depthMm?: number;
}

export function headRelief(landmarks: readonly Point[], options: ReliefOptions = {}): HeadRelief {
  const noseMm = options.noseMm ?? 18;
  const depth = options.depthMm ?? 85;
  const mean = (from: number, to: number) => {
    const points = landmarks.slice(from, to);
    return { x: points.reduce((s, p) => s + p.x, 0) / points.length, y: points.reduce((s, p) => s + p.y, 0) / points.length };
  };
  const rightEye = mean(36, 42);
  const leftEye = mean(42, 48);
  const mouth = mean(48, 68);
  const nasion = landmarks[27];
  const tip = landmarks[30];
  const subnasale = landmarks[33];
  const chin = landmarks[8];
  const eyeMid = { x: (rightEye.x + leftEye.x) / 2, y: (rightEye.y + leftEye.y) / 2 };
  const centre = { x: eyeMid.x, y: eyeMid.y + 22 };
  const halfWidth = 92;
  const halfHeight = 122;

  const gaussian = (dx: number, dy: number, sx: number, sy: number) => Math.exp(-0.5 * ((dx / sx) ** 2 + (dy / sy) ** 2));

  const nose = (x: number, y: number): number => {
    // Along the ridge from the nasion (t = 0) to the tip (t = 1), then down to the subnasale.
    const ridgeLength = tip.y - nasion.y;
    if (ridgeLength <= 0) return 0;
    const t = (y - nasion.y) / ridgeLength;
    let height: number;
    let width: number;
    let ridgeX: number;
    if (t < 0) {
      height = 0.3 * noseMm * Math.exp(-(((t * ridgeLength) / 8) ** 2));
      width = 7;
      ridgeX = nasion.x;
    } else if (t <= 1) {
      height = noseMm * (0.3 + 0.7 * t ** 1.5);
      width = 6 + 5 * t;
      ridgeX = nasion.x + (tip.x - nasion.x) * t;
    } else {
      const below = (y - tip.y) / Math.max(4, subnasale.y - tip.y);
      height = noseMm * Math.max(0, 1 - 0.85 * below ** 2) * Math.exp(-Math.max(0, below - 1) * 2);
      width = 11 - 2 * Math.min(1, below);
      ridgeX = tip.x + (subnasale.x - tip.x) * Math.min(1, below);
    }
    return height * Math.exp(-0.5 * ((x - ridgeX) / width) ** 2);
  };

  return {
    pivot: { x: centre.x, y: eyeMid.y + 75, height: -10 },
    heightAt(x, y) {
      const r2 = ((x - centre.x) / halfWidth) ** 2 + ((y - centre.y) / halfHeight) ** 2;
      if (r2 >= 1) return undefined;
      let h = depth * (1 - r2) ** 0.35;
      h += nose(x, y);
      h -= 6 * gaussian(x - rightEye.x, y - rightEye.y, 11, 9) + 6 * gaussian(x - leftEye.x, y - leftEye.y, 11, 9);
      h += 4 * gaussian(x - mouth.x, y - mouth.y, 15, 7);
      h += 4 * gaussian(x - chin.x, y - (chin.y - 12), 14, 10);
      return h;
    },
  };
}
