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
 * - Where the head kept its pose between the frames, the eye-aligned face pictures
 *   (aligned-face.ts) must correlate by at least MIN_APPEARANCE_CORRELATION: the same
 *   face in the same pose looks the same, while another face, or a print swapped in, does
 *   not. (Across a turn the picture changes by itself; there the identity check and the
 *   pixel tracking of each turn look.) "Kept its pose" needs both pose estimates, the 68
 *   landmarks' and BlazeFace's keypoints', to have moved by under APPEARANCE_POSE_CHANGE
 *   degrees, and the landmarks to have kept the eye distance in step with the face box
 *   (within APPEARANCE_EYE_SCALE as a log ratio): either estimate alone reads some faces'
 *   turns at half their size, and landmarks that slipped in one frame (a steep turn up)
 *   align its picture elsewhere, which on the tuning set broke genuine attempts at
 *   correlations of 0.00-0.52 (docs/liveness.md).
 *
 * The limits are far outside what the genuine test set reaches (docs/liveness.md).
 */

export const MAX_SHIFT = 0.35;
export const MAX_SHIFT_PER_SECOND = 0.8;
export const MAX_SCALE_LOG = 0.2;
export const MAX_SCALE_LOG_PER_SECOND = 0.4;
export const MIN_APPEARANCE_CORRELATION = 0.6;
export const APPEARANCE_POSE_CHANGE = 3;
export const APPEARANCE_EYE_SCALE = 0.08;

export interface TrackFrame {
  t: number;
  face?: {
    box: FaceDetection["box"];
    aligned: Float32Array;
    /** From the 68 landmarks (landmark-pose.ts). */
    pose: HeadPose;
    /** From BlazeFace's keypoints (head-pose.ts). */
    keypointPose: HeadPose;
    /** Between the landmarks' eye centres, in pixels. */
    eyeDistance: number;
  };
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
      if (keptPose(previous.face, face)) {
        const similarity = correlation(previous.face.aligned, face.aligned);
        lowestCorrelation = Math.min(lowestCorrelation, similarity);
        if (similarity < MIN_APPEARANCE_CORRELATION) return { continuous: false, break: "Appearance", at: i, lowestCorrelation };
      }
    }
    previous = { t: frames[i].t, face };
  }
  return { continuous: true, lowestCorrelation };
}

function keptPose(a: NonNullable<TrackFrame["face"]>, b: NonNullable<TrackFrame["face"]>): boolean {
  const change = (p: HeadPose, q: HeadPose) => Math.max(Math.abs(p.yaw - q.yaw), Math.abs(p.pitch - q.pitch));
  const eyesOffBox = Math.abs(Math.log(b.eyeDistance / a.eyeDistance) - Math.log(b.box.width / a.box.width));
  return change(a.pose, b.pose) < APPEARANCE_POSE_CHANGE && change(a.keypointPose, b.keypointPose) < APPEARANCE_POSE_CHANGE && eyesOffBox <= APPEARANCE_EYE_SCALE;
}
