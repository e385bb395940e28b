import type { RgbaImage } from "../blazeface.js";
import type { Direction } from "../head-pose.js";
import { applyEffects, encodeJpeg, type CameraEffects } from "./camera-effects.js";
import { headMotion, type HeadMotion, type HeadState, type MotionOptions } from "./head-motion.js";
import type { PreparedFace } from "./prepared-face.js";
import { sceneBackground } from "./scene-background.js";
import { render, type Camera, type Mesh, type Vec3 } from "./scene-renderer.js";
import { seededRandom } from "./seeded-random.js";

/**
 * Attempts as a client posts them: JPEG frames with capture times, rendered from a scene
 * that changes over time (a head following its motion, a print moved or tilted).
 *
 * Frame choice: "all" is every frame of a 10 fps camera (at most 60, as the issue's
 * scripted client posted them); "selected" is what the playground posts: three frames
 * facing the camera, then per turn two on the way out, the peak, the end of the hold
 * and one on the way back.
 */

export interface CaptureSettings {
  width: 320 | 640;
  effects?: CameraEffects;
  frames?: "all" | "selected";
}

export interface PostedFrame {
  t: number;
  jpeg: Buffer;
}

/** What is in front of the camera at time t. */
export type Scene = (t: number) => { mesh: Mesh; yaw: number; pitch: number; roll: number; position: Vec3 };

export function cameraFor(width: 320 | 640): Camera {
  return { width, height: (width * 3) / 4, focalPx: (554 * width) / 640 };
}

export function captureTimes(motion: Pick<HeadMotion, "durationMs" | "turns">, choice: "all" | "selected", turnEnds?: number[]): number[] {
  const frameMs = 100;
  const snap = (t: number) => Math.round(t / frameMs) * frameMs;
  if (choice === "all") {
    const count = Math.min(60, Math.floor(motion.durationMs / frameMs));
    return Array.from({ length: count }, (_, i) => i * frameMs);
  }
  const times = [0, 200, 400];
  motion.turns.forEach((turn, k) => {
    const rise = turn.peakMs - turn.startMs;
    const holdEnd = turnEnds?.[k] ?? turn.peakMs + 500;
    for (const t of [turn.startMs + 0.35 * rise, turn.startMs + 0.7 * rise, turn.peakMs, holdEnd - 100, holdEnd + 300]) times.push(snap(t));
  });
  return [...new Set(times)].sort((a, b) => a - b);
}

export function captureScene(scene: Scene, times: readonly number[], settings: CaptureSettings, seed: number): PostedFrame[] {
  const camera = cameraFor(settings.width);
  const background = sceneBackground(camera.width, camera.height, seed);
  return times.map((t, i) => {
    const { mesh, yaw, pitch, roll, position } = scene(t);
    const image: RgbaImage = render(mesh, { yaw, pitch, roll, position }, camera, background);
    const withEffects = settings.effects ? applyEffects(image, settings.effects, seed * 1000 + i) : image;
    return { t, jpeg: encodeJpeg(withEffects, settings.effects?.jpegQuality ?? 85) };
  });
}

export interface GenuineOptions {
  motion?: MotionOptions;
  /** Nose height range in mm (drawn per attempt). */
  noseMm?: [number, number];
  /**
   * A person who does not face the camera squarely: the head rests turned to one side (yaw,
   * degrees, drawn from the range, the side at random) and up or down (pitch), and every
   * pose of the motion is added to that.
   */
  restTurn?: { yaw: [number, number]; pitch: [number, number] };
}

/** Resting 8-20° to one side and up to 8° up or down: the bench's and the harness's kind. */
export const RESTING_TURNED: NonNullable<GenuineOptions["restTurn"]> = { yaw: [8, 20], pitch: [-8, 8] };

/** A living head (a face with relief) following the challenges. */
export function genuineAttempt(
  face: PreparedFace,
  challenges: readonly Direction[],
  seed: number,
  settings: CaptureSettings,
  options: GenuineOptions = {},
): { frames: PostedFrame[]; motion: HeadMotion } {
  const random = seededRandom(seed * 7 + 3);
  const nose = options.noseMm ?? [14, 22];
  const between = ([low, high]: [number, number]) => low + random() * (high - low);
  const { mesh } = face.head(between(nose));
  const motion = headMotion(challenges, seed, options.motion);
  const rest: Vec3 = [(random() - 0.5) * 60, 30 + (random() - 0.5) * 40, 470 + random() * 110];
  const resting = options.restTurn ? { yaw: (random() < 0.5 ? -1 : 1) * between(options.restTurn.yaw), pitch: between(options.restTurn.pitch) } : { yaw: 0, pitch: 0 };
  const scene: Scene = (t) => {
    const state: HeadState = motion.at(t);
    return { mesh, yaw: state.yaw + resting.yaw, pitch: state.pitch + resting.pitch, roll: state.roll, position: [rest[0] + state.shift[0], rest[1] + state.shift[1], rest[2] + state.shift[2]] };
  };
  const holdEnds = motion.turns.map((turn) => turn.peakMs + 500);
  return { frames: captureScene(scene, captureTimes(motion, settings.frames ?? "selected", holdEnds), settings, seed), motion };
}
