import type { Direction } from "../../common/face/head-pose.js";
import { decodeJpeg, encodeJpeg } from "../../common/face/testing/camera-effects.js";
import type { HeadMotion } from "../../common/face/testing/head-motion.js";
import type { PostedFrame } from "../../common/face/testing/rendered-attempt.js";

/**
 * Replays of an accepted attempt, as the tester made them: the recording cut into
 * its neutral part and one segment per turn, the segments put in the order a new token's
 * challenges ask for (a turn to the other side made by mirroring the frames), re-timed.
 */
export interface Recording {
  frames: PostedFrame[];
  motion: Pick<HeadMotion, "turns">;
}

export function segmentsOf(recording: Recording): { neutral: PostedFrame[]; turns: { direction: Direction; frames: PostedFrame[] }[] } {
  const { turns } = recording.motion;
  const neutral = recording.frames.filter((f) => f.t < turns[0].startMs - 50);
  const segments = turns.map((turn, k) => ({
    direction: turn.direction,
    frames: recording.frames.filter((f) => f.t >= turn.startMs - 50 && (k + 1 >= turns.length || f.t < turns[k + 1].startMs - 50)),
  }));
  return { neutral, turns: segments };
}

const opposite: Partial<Record<Direction, Direction>> = { left: "right", right: "left" };

/** Whether the recording's segments can answer these challenges (mirroring left and right). */
export function canAnswer(recording: Recording, challenges: readonly Direction[]): boolean {
  const have = new Set(recording.motion.turns.map((t) => t.direction));
  return challenges.every((d) => have.has(d) || (opposite[d] !== undefined && have.has(opposite[d]!)));
}

export function reorderedReplay(recording: Recording, challenges: readonly Direction[]): PostedFrame[] {
  const { neutral, turns } = segmentsOf(recording);
  const parts: PostedFrame[][] = [neutral];
  for (const direction of challenges) {
    const same = turns.find((t) => t.direction === direction);
    if (same) {
      parts.push(same.frames);
      continue;
    }
    const mirrored = turns.find((t) => t.direction === opposite[direction]);
    if (!mirrored) throw new Error(`The recording has no turn to answer ${direction}`);
    parts.push(mirrored.frames.map((f) => ({ t: f.t, jpeg: mirrorJpeg(f.jpeg) })));
  }
  const out: PostedFrame[] = [];
  let t = 0;
  for (const part of parts) {
    part.forEach((frame, i) => {
      if (out.length > 0) t += i === 0 ? 200 : frame.t - part[i - 1].t;
      out.push({ t, jpeg: frame.jpeg });
    });
  }
  return out;
}

/** The recording mirrored as a whole: it answers the challenges with left and right swapped. */
export function mirroredRecording(recording: Recording): { frames: PostedFrame[]; directions: Direction[] } {
  return {
    frames: recording.frames.map((f) => ({ t: f.t, jpeg: mirrorJpeg(f.jpeg) })),
    directions: recording.motion.turns.map((t) => opposite[t.direction] ?? t.direction),
  };
}

function mirrorJpeg(jpeg: Buffer): Buffer {
  const image = decodeJpeg(jpeg);
  const data = new Uint8ClampedArray(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const from = (y * image.width + image.width - 1 - x) * 4;
      data.set(image.data.subarray(from, from + 4), (y * image.width + x) * 4);
    }
  }
  return encodeJpeg({ data, width: image.width, height: image.height }, 90);
}
