import type { RgbaImage } from "../blazeface.js";
import { sampleBilinear } from "./face-photos.js";
import type { HeadRelief } from "./head-relief.js";

/**
 * A software renderer for the liveness test set: a textured surface (a head with relief,
 * a flat print, a print bent around a cylinder) posed in front of a pinhole camera over a
 * fixed background. Millimetres in camera axes: x right, y down, z away from the camera.
 * The surface is a mesh over the texture (one vertex every 2 texture pixels), drawn with
 * a depth buffer and bilinear texture sampling.
 *
 * Angles follow head-pose.ts: yaw > 0 turns to the subject's left (the nose moves to the
 * image's right), pitch > 0 looks up, roll turns in the image plane.
 */

export type Vec3 = [number, number, number];

/** Maps a texture point to the object's frame (origin at its rotation centre), or undefined off the object. */
export type Surface = (x: number, y: number) => Vec3 | undefined;

export interface Pose {
  yaw: number;
  pitch: number;
  roll: number;
  /** Where the object's rotation centre is, in camera coordinates. */
  position: Vec3;
}

export interface Camera {
  width: number;
  height: number;
  focalPx: number;
}

/** A 640x480 webcam with a 60° horizontal field of view. */
export const WEBCAM_640: Camera = { width: 640, height: 480, focalPx: 554 };

export function headSurface(relief: HeadRelief): Surface {
  const { pivot } = relief;
  return (x, y) => {
    const h = relief.heightAt(x, y);
    return h === undefined ? undefined : [x - pivot.x, y - pivot.y, -(h - pivot.height)];
  };
}

/**
 * A printed sheet holding the whole texture, its centre at the origin. `bendRadiusMm`
 * curves it around a vertical axis: > 0 bulges towards the camera, < 0 away.
 * `cutOut` keeps only an ellipse around the face, as a cut-out print.
 */
export function sheetSurface(textureSize: number, options: { bendRadiusMm?: number; cutOut?: { cx: number; cy: number; rx: number; ry: number } } = {}): Surface {
  const half = textureSize / 2;
  const radius = options.bendRadiusMm;
  const cut = options.cutOut;
  return (x, y) => {
    if (cut && ((x - cut.cx) / cut.rx) ** 2 + ((y - cut.cy) / cut.ry) ** 2 > 1) return undefined;
    const s = x - half;
    if (!radius) return [s, y - half, 0];
    const angle = s / Math.abs(radius);
    const back = Math.abs(radius) * (1 - Math.cos(angle));
    return [Math.abs(radius) * Math.sin(angle), y - half, radius > 0 ? back : -back];
  };
}

/** A surface sampled at every STEP-th texture pixel, in the object's frame (NaN off the object). */
export interface Mesh {
  texture: RgbaImage;
  columns: number;
  rows: number;
  points: Float32Array;
}

const STEP = 2;

export function surfaceMesh(texture: RgbaImage, surface: Surface): Mesh {
  const columns = Math.floor((texture.width - 1) / STEP) + 1;
  const rows = Math.floor((texture.height - 1) / STEP) + 1;
  const points = new Float32Array(columns * rows * 3).fill(Number.NaN);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const point = surface(c * STEP, r * STEP);
      if (point) points.set(point, (r * columns + c) * 3);
    }
  }
  return { texture, columns, rows, points };
}

export function render(mesh: Mesh, pose: Pose, camera: Camera, background: RgbaImage): RgbaImage {
  const { width, height, focalPx } = camera;
  const { texture, columns, rows, points } = mesh;
  const frame = new Uint8ClampedArray(background.data);
  const depth = new Float32Array(width * height).fill(Number.POSITIVE_INFINITY);
  const step = STEP;
  const rotate = rotation(pose);
  const screen = new Float32Array(columns * rows * 3).fill(Number.NaN);
  for (let i = 0; i < columns * rows * 3; i += 3) {
    if (Number.isNaN(points[i])) continue;
    const [x, y, z] = rotate([points[i], points[i + 1], points[i + 2]]);
    const zc = z + pose.position[2];
    if (zc <= 1) continue;
    screen[i] = width / 2 + (focalPx * (x + pose.position[0])) / zc;
    screen[i + 1] = height / 2 + (focalPx * (y + pose.position[1])) / zc;
    screen[i + 2] = zc;
  }
  const vertex = (r: number, c: number) => (r * columns + c) * 3;
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < columns; c++) {
      const a = vertex(r, c);
      const b = vertex(r, c + 1);
      const d = vertex(r + 1, c);
      const e = vertex(r + 1, c + 1);
      triangle(a, b, e, [c, r], [c + 1, r], [c + 1, r + 1]);
      triangle(a, e, d, [c, r], [c + 1, r + 1], [c, r + 1]);
    }
  }
  return { data: frame, width, height };

  function triangle(i0: number, i1: number, i2: number, t0: [number, number], t1: [number, number], t2: [number, number]) {
    const x0 = screen[i0], y0 = screen[i0 + 1], z0 = screen[i0 + 2];
    const x1 = screen[i1], y1 = screen[i1 + 1], z1 = screen[i1 + 2];
    const x2 = screen[i2], y2 = screen[i2 + 1], z2 = screen[i2 + 2];
    if (Number.isNaN(x0) || Number.isNaN(x1) || Number.isNaN(x2)) return;
    const area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (Math.abs(area) < 1e-9) return;
    const minX = Math.max(0, Math.floor(Math.min(x0, x1, x2)));
    const maxX = Math.min(width - 1, Math.ceil(Math.max(x0, x1, x2)));
    const minY = Math.max(0, Math.floor(Math.min(y0, y1, y2)));
    const maxY = Math.min(height - 1, Math.ceil(Math.max(y0, y1, y2)));
    for (let py = minY; py <= maxY; py++) {
      for (let px = minX; px <= maxX; px++) {
        const sx = px + 0.5;
        const sy = py + 0.5;
        const w0 = ((x1 - sx) * (y2 - sy) - (x2 - sx) * (y1 - sy)) / area;
        const w1 = ((x2 - sx) * (y0 - sy) - (x0 - sx) * (y2 - sy)) / area;
        const w2 = 1 - w0 - w1;
        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
        const z = w0 * z0 + w1 * z1 + w2 * z2;
        const p = py * width + px;
        if (z >= depth[p]) continue;
        depth[p] = z;
        const u = (w0 * t0[0] + w1 * t1[0] + w2 * t2[0]) * step;
        const v = (w0 * t0[1] + w1 * t1[1] + w2 * t2[1]) * step;
        sampleBilinear(texture, u, v, frame, p * 4);
      }
    }
  }
}

function rotation(pose: Pose): (p: Vec3) => Vec3 {
  const [yaw, pitch, roll] = [pose.yaw, pose.pitch, pose.roll].map((deg) => (deg * Math.PI) / 180);
  const [cy, sy, cp, sp, cr, sr] = [Math.cos(yaw), Math.sin(yaw), Math.cos(pitch), Math.sin(pitch), Math.cos(roll), Math.sin(roll)];
  return ([x, y, z]) => {
    [x, z] = [x * cy - z * sy, x * sy + z * cy];
    [y, z] = [y * cp + z * sp, -y * sp + z * cp];
    [x, y] = [x * cr - y * sr, x * sr + y * cr];
    return [x, y, z];
  };
}
