import type { Point } from "../keypoints.js";

/**
 * Synthetic BlazeFace keypoints: a 3D head (or a flat photo of it) posed in front of a
 * pinhole webcam. Millimetres, camera axes: x to the image's right, y down, z away from
 * the camera; the origin is midway between the ear tragions.
 *
 * Angles follow head-pose.ts: yaw > 0 turns to the user's left (the nose moves to the
 * image's right in an unmirrored frame), pitch > 0 looks up, roll turns in the image
 * plane.
 */

type Vec3 = readonly [number, number, number];

/** Keypoints in BlazeFace order. Proportions of an average adult head. */
export const HEAD_MODEL: readonly Vec3[] = [
  [-32, -8, -82], // right eye
  [32, -8, -82], // left eye
  [0, 30, -100], // nose tip
  [0, 62, -84], // mouth centre
  [-72, 0, 0], // right ear tragion
  [72, 0, 0], // left ear tragion
];

/** The frontal face printed on paper: the same layout with all depth removed. */
export const PHOTO_MODEL: readonly Vec3[] = HEAD_MODEL.map(([x, y]) => [x, y, 0]);

/** Heads turn about the top of the spine, below and behind the ears; a photo about its centre. */
const HEAD_PIVOT: Vec3 = [0, 40, 15];
const PHOTO_PIVOT: Vec3 = [0, 27, 0];

export interface Placement {
  yaw?: number;
  pitch?: number;
  roll?: number;
  /** Millimetres added after rotation. */
  shift?: Vec3;
}

export interface Camera {
  focalPx: number;
  centre: Point;
  /** Distance from the camera to the origin of the model, in mm. */
  distanceMm: number;
}

/** A 640x480 webcam with a 60° horizontal field of view, the head 50 cm away. */
export const WEBCAM: Camera = { focalPx: 554, centre: { x: 320, y: 240 }, distanceMm: 500 };

export function project(model: readonly Vec3[], placement: Placement, camera: Camera = WEBCAM): Point[] {
  const pivot = model === PHOTO_MODEL ? PHOTO_PIVOT : HEAD_PIVOT;
  const [yaw, pitch, roll] = [placement.yaw ?? 0, placement.pitch ?? 0, placement.roll ?? 0].map(
    (deg) => (deg * Math.PI) / 180,
  );
  const shift = placement.shift ?? [0, 0, 0];
  return model.map((point) => {
    let [x, y, z] = [point[0] - pivot[0], point[1] - pivot[1], point[2] - pivot[2]];
    [x, z] = [x * Math.cos(yaw) - z * Math.sin(yaw), x * Math.sin(yaw) + z * Math.cos(yaw)];
    [y, z] = [y * Math.cos(pitch) + z * Math.sin(pitch), -y * Math.sin(pitch) + z * Math.cos(pitch)];
    [x, y] = [x * Math.cos(roll) - y * Math.sin(roll), x * Math.sin(roll) + y * Math.cos(roll)];
    const cx = x + pivot[0] + shift[0];
    const cy = y + pivot[1] + shift[1];
    const cz = z + pivot[2] + shift[2] + camera.distanceMm;
    return { x: camera.centre.x + (camera.focalPx * cx) / cz, y: camera.centre.y + (camera.focalPx * cy) / cz };
  });
}

/** Seeded Gaussian noise (mulberry32 + Box-Muller), so failures reproduce. */
export function gaussianNoise(seed: number): (sigma: number) => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (sigma) => sigma * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export function withNoise(points: readonly Point[], sigmaPx: number, noise: (sigma: number) => number): Point[] {
  return points.map((p) => ({ x: p.x + noise(sigmaPx), y: p.y + noise(sigmaPx) }));
}
