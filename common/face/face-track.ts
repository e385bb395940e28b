import { correlation } from "./aligned-face.js";
import type { FaceDetection } from "./blazeface.js";
import type { HeadPose } from "./head-pose.js";

/**
 * Whether the frames are one continuous capture of one face: a head moves, turns and
 * changes its look gradually, while frames cut from different recordings (or a photo
 * swapped for another) jump. Between consecutive frames with a face:
 *
 * - Capture times must increase.
 * - The face's box may move by at most MAX_SHIFT face widths plus MAX_SHIFT_PER_SECOND
 *   per second between the frames, and change its size by at most a factor of
 *   exp(MAX_SCALE_LOG + MAX_SCALE_LOG_PER_SECOND · seconds).
 * - Where the head's pose changed by less than APPEARANCE_POSE_CHANGE degrees between
 *   the frames, the eye-aligned face pictures (aligned-face.ts) must correlate by at
 *   least MIN_APPEARANCE_CORRELATION: the same face in the same pose looks the same, while
 *   another face, or a print swapped in, does not. (Across a turn the picture changes by
 *   itself; there the identity and relief checks look.)
 *
 * The limits are far outside what the genuine test set reaches (docs/liveness.md).
 */

export const MAX_SHIFT = 0.35;
export const MAX_SHIFT_PER_SECOND = 0.8;
export const MAX_SCALE_LOG = 0.2;
export const MAX_SCALE_LOG_PER_SECOND = 0.4;
export const MIN_APPEARANCE_CORRELATION = 0.6;
export const APPEARANCE_POSE_CHANGE = 6;

export interface TrackFrame {
  t: number;
  face?: { box: FaceDetection["box"]; aligned: Float32Array; pose: HeadPose };
}

export type TrackBreak = "TimeOrder" | "Jump" | "Appearance";

export interface TrackCheck {
  continuous: boolean;
  break?: TrackBreak;
  /** Index of the frame where the track breaks. */
  at?: number;
  /** Lowest correlation between consecutive face pictures in about the same pose. */
  lowestCorrelation: number;
}

export function checkTrack(frames: readonly TrackFrame[]): TrackCheck {
  let lowestCorrelation = 1;
  let previous: { t: number; face: NonNullable<TrackFrame["face"]> } | undefined;
  for (let i = 0; i < frames.length; i++) {
    if (i > 0 && !(frames[i].t > frames[i - 1].t)) return { continuous: false, break: "TimeOrder", at: i, lowestCorrelation };
    const face = frames[i].face;
    if (!face) continue;
    if (previous) {
      const seconds = (frames[i].t - previous.t) / 1000;
      const a = previous.face.box;
      const b = face.box;
      const size = Math.sqrt(a.width * b.width);
      const shift = Math.hypot(b.x + b.width / 2 - (a.x + a.width / 2), b.y + b.height / 2 - (a.y + a.height / 2)) / size;
      const scaleLog = Math.abs(Math.log(b.width / a.width));
      if (shift > MAX_SHIFT + MAX_SHIFT_PER_SECOND * seconds || scaleLog > MAX_SCALE_LOG + MAX_SCALE_LOG_PER_SECOND * seconds) {
        return { continuous: false, break: "Jump", at: i, lowestCorrelation };
      }
      const poseChange = Math.max(Math.abs(face.pose.yaw - previous.face.pose.yaw), Math.abs(face.pose.pitch - previous.face.pose.pitch));
      if (poseChange < APPEARANCE_POSE_CHANGE) {
        const similarity = correlation(previous.face.aligned, face.aligned);
        lowestCorrelation = Math.min(lowestCorrelation, similarity);
        if (similarity < MIN_APPEARANCE_CORRELATION) return { continuous: false, break: "Appearance", at: i, lowestCorrelation };
      }
    }
    previous = { t: frames[i].t, face };
  }
  return { continuous: true, lowestCorrelation };
}
