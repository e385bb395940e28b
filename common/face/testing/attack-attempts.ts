import type { RgbaImage } from "../blazeface.js";
import type { Direction } from "../head-pose.js";
import { headMotion, type HeadMotion, type MotionOptions } from "./head-motion.js";
import type { PreparedFace } from "./prepared-face.js";
import { captureScene, captureTimes, type CaptureSettings, type PostedFrame, type Scene } from "./rendered-attempt.js";
import { render, sheetSurface, surfaceMesh, type Mesh, type Vec3 } from "./scene-renderer.js";
import { seededRandom } from "./seeded-random.js";

/**
 * Presentation attacks of the table, rendered like genuine attempts (same camera,
 * effects and frame choice), each answering the token's challenges as well as it can:
 *
 * - movedPhoto: a flat print moved in the challenge's direction.
 * - tiltedPhoto: a flat print tilted about its centre in the challenge's direction
 *   (`angle` range, tuned per face by the caller when it wants).
 * - bentPhoto: a life-size print bent around a vertical cylinder (radius in mm), turned.
 * - identitySplice: a print of person X while facing the camera, a turning head of
 *   person Y for each turn, put where X's face was.
 * - photoSplice: a print of X while facing the camera, and for each turn a print of a
 *   photo of another person whose head is turned that way.
 */

export interface AttackAttempt {
  frames: PostedFrame[];
  motion: HeadMotion;
}

export interface PrintOptions {
  angle?: [number, number];
  bendRadiusMm?: number;
  motion?: MotionOptions;
}

/** Where a held print (or a head) rests in front of the camera. */
function restingPlace(seed: number, distance: [number, number]): Vec3 {
  const random = seededRandom(seed * 13 + 5);
  return [(random() - 0.5) * 60, (random() - 0.5) * 40, distance[0] + random() * (distance[1] - distance[0])];
}

function printScene(mesh: Mesh, motion: HeadMotion, place: Vec3, moveInstead = false): Scene {
  return (t) => {
    const state = motion.at(t);
    if (moveInstead) {
      // 2 mm of travel per degree the head would turn, in the direction it would turn.
      return { mesh, yaw: 0, pitch: 0, roll: state.roll, position: [place[0] + 2 * state.yaw, place[1] - 2 * state.pitch, place[2]] };
    }
    return { mesh, yaw: state.yaw, pitch: state.pitch, roll: state.roll, position: [place[0] + state.shift[0], place[1] + state.shift[1], place[2] + state.shift[2]] };
  };
}

export function movedPhoto(face: PreparedFace, challenges: readonly Direction[], seed: number, settings: CaptureSettings): AttackAttempt {
  const motion = headMotion(challenges, seed, { angle: [15, 35] });
  const scene = printScene(face.print(), motion, restingPlace(seed, [380, 460]), true);
  return { frames: captureScene(scene, captureTimes(motion, settings.frames ?? "selected"), settings, seed), motion };
}

export function tiltedPhoto(face: PreparedFace, challenges: readonly Direction[], seed: number, settings: CaptureSettings, options: PrintOptions = {}): AttackAttempt {
  const motion = headMotion(challenges, seed, { ...options.motion, angle: options.angle ?? [10, 40] });
  const scene = printScene(face.print(options.bendRadiusMm), motion, restingPlace(seed, [380, 460]));
  return { frames: captureScene(scene, captureTimes(motion, settings.frames ?? "selected"), settings, seed), motion };
}

export function bentPhoto(face: PreparedFace, challenges: readonly Direction[], seed: number, settings: CaptureSettings, options: PrintOptions = {}): AttackAttempt {
  const random = seededRandom(seed * 31 + 7);
  const radius = options.bendRadiusMm ?? 70 + random() * 90;
  return tiltedPhoto(face, challenges, seed, settings, { ...options, bendRadiusMm: radius, angle: options.angle ?? [20, 40] });
}

export function identitySplice(
  photoOf: PreparedFace,
  headOf: PreparedFace,
  challenges: readonly Direction[],
  seed: number,
  settings: CaptureSettings,
): AttackAttempt {
  const motion = headMotion(challenges, seed, { angle: [15, 35] });
  const place = restingPlace(seed, [470, 560]);
  const print = photoOf.print();
  const { mesh: head, relief } = headOf.head(18);
  // The print's centre goes where the head shows that point of its texture.
  const centre = print.texture.width / 2;
  const offset: Vec3 = [centre - relief.pivot.x, centre - relief.pivot.y, -((relief.heightAt(centre, centre) ?? 90) - relief.pivot.height)];
  const scene: Scene = (t) => {
    const state = motion.at(t);
    const turned = Math.hypot(state.yaw, state.pitch) > 5;
    const position: Vec3 = [place[0] + state.shift[0], place[1] + state.shift[1], place[2] + state.shift[2]];
    return turned
      ? { mesh: head, yaw: state.yaw, pitch: state.pitch, roll: state.roll, position }
      : { mesh: print, yaw: 0, pitch: 0, roll: state.roll, position: [position[0] + offset[0], position[1] + offset[1], position[2] + offset[2]] };
  };
  return { frames: captureScene(scene, captureTimes(motion, settings.frames ?? "selected"), settings, seed), motion };
}

export function photoSplice(
  photoOf: PreparedFace,
  others: readonly PreparedFace[],
  challenges: readonly Direction[],
  seed: number,
  settings: CaptureSettings,
): AttackAttempt {
  const random = seededRandom(seed * 17 + 11);
  const motion = headMotion(challenges, seed, { angle: [20, 35] });
  const place = restingPlace(seed, [380, 460]);
  const neutral = photoOf.print();
  const turnedPrints = motion.turns.map((turn, k) => {
    const other = others[Math.floor(random() * others.length) % others.length] ?? others[k % others.length];
    const photo = turnedHeadPhoto(other, turn.direction, turn.angle);
    return surfaceMesh(photo, sheetSurface(photo.width));
  });
  const scene: Scene = (t) => {
    const state = motion.at(t);
    const k = motion.turns.findIndex((turn, i) => t >= turn.startMs && (i + 1 >= motion.turns.length || t < motion.turns[i + 1].startMs));
    const turned = k >= 0 && Math.hypot(state.yaw, state.pitch) > 0.5 * motion.turns[k].angle;
    return { mesh: turned ? turnedPrints[k] : neutral, yaw: 0, pitch: 0, roll: state.roll, position: [place[0] + state.shift[0], place[1] + state.shift[1], place[2]] };
  };
  return { frames: captureScene(scene, captureTimes(motion, settings.frames ?? "selected"), settings, seed), motion };
}

/** A photo (1 px per mm, 256 mm square, plain grey behind) of a head turned in a direction. */
export function turnedHeadPhoto(face: PreparedFace, direction: Direction, angle: number): RgbaImage {
  const size = 256;
  const background: RgbaImage = { data: new Uint8ClampedArray(size * size * 4).fill(150), width: size, height: size };
  const yaw = direction === "left" ? angle : direction === "right" ? -angle : 0;
  const pitch = direction === "up" ? angle : direction === "down" ? -angle : 0;
  const { mesh } = face.head(18);
  return render(mesh, { yaw, pitch, roll: 0, position: [0, 20, 1000] }, { width: size, height: size, focalPx: 1000 }, background);
}
