import type { Direction } from "../head-pose.js";
import { gaussian, seededRandom } from "./seeded-random.js";

/**
 * How a person's head moves through a liveness attempt, as a pose over time: facing the
 * camera for a lead-in, then per challenge a pause to react, a smooth turn to an angle,
 * a hold, and a turn back; all the while a small tremor (slow sways of under a degree and
 * a millimetre or two) that a living head never stops making.
 */

export interface MotionOptions {
  /** Angle of each turn, degrees (drawn per turn from this range). */
  angle?: [number, number];
  /** Duration of the turn out, ms. A slow user takes 1500. */
  turnMs?: [number, number];
  reactMs?: [number, number];
  holdMs?: [number, number];
  leadInMs?: [number, number];
  /** Tremor amplitude in degrees. */
  tremorDegrees?: number;
}

export interface HeadState {
  yaw: number;
  pitch: number;
  roll: number;
  /** Millimetres added to the head's resting position. */
  shift: [number, number, number];
}

export interface HeadMotion {
  durationMs: number;
  at(t: number): HeadState;
  /** When each turn starts and reaches its angle, and the angle, for checks. */
  turns: { direction: Direction; startMs: number; peakMs: number; angle: number }[];
}

export function headMotion(challenges: readonly Direction[], seed: number, options: MotionOptions = {}): HeadMotion {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const pick = (range: [number, number]) => range[0] + random() * (range[1] - range[0]);
  const angleRange = options.angle ?? [15, 35];
  let t = pick(options.leadInMs ?? [700, 1100]);
  const turns: HeadMotion["turns"] = [];
  const segments: { start: number; peak: number; holdEnd: number; back: number; direction: Direction; angle: number }[] = [];
  for (const direction of challenges) {
    const start = t + pick(options.reactMs ?? [250, 650]);
    const peak = start + pick(options.turnMs ?? [350, 700]);
    const holdEnd = peak + pick(options.holdMs ?? [500, 800]);
    const back = holdEnd + pick([300, 600]);
    const angle = pick(angleRange);
    segments.push({ start, peak, holdEnd, back, direction, angle });
    turns.push({ direction, startMs: start, peakMs: peak, angle });
    t = back;
  }
  const durationMs = t + 500;

  // Tremor: a few slow sinusoids per axis with random phases.
  const amplitude = options.tremorDegrees ?? 0.6;
  const waves = Array.from({ length: 5 }, () =>
    Array.from({ length: 3 }, () => ({ frequency: 0.3 + random() * 1.5, phase: random() * 2 * Math.PI, gain: 0.5 + random() })),
  );
  const sway = (axis: number, time: number) =>
    waves[axis].reduce((s, w) => s + w.gain * Math.sin(2 * Math.PI * w.frequency * (time / 1000) + w.phase), 0) / 3;
  const drift = [normal() * 2, normal() * 2, normal() * 4];

  return {
    durationMs,
    turns,
    at(time) {
      let yaw = amplitude * sway(0, time);
      let pitch = amplitude * sway(1, time);
      const roll = 1.5 * amplitude * sway(2, time);
      for (const s of segments) {
        const reach = time < s.start ? 0 : time < s.peak ? ease((time - s.start) / (s.peak - s.start)) : time < s.holdEnd ? 1 : time < s.back ? 1 - ease((time - s.holdEnd) / (s.back - s.holdEnd)) : 0;
        const degrees = reach * s.angle;
        if (s.direction === "left") yaw += degrees;
        if (s.direction === "right") yaw -= degrees;
        if (s.direction === "up") pitch += degrees;
        if (s.direction === "down") pitch -= degrees;
      }
      const progress = time / durationMs;
      return {
        yaw,
        pitch,
        roll,
        shift: [drift[0] * progress + 1.5 * amplitude * sway(3, time), drift[1] * progress + amplitude * sway(4, time), drift[2] * progress],
      };
    },
  };
}

function ease(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * x);
}
