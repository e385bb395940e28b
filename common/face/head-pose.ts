import { KEYPOINT_COUNT, Keypoint, type Point } from "./keypoints.js";

/**
 * Head yaw and pitch from BlazeFace's six keypoints, in approximate degrees.
 *
 * - Signs follow the user, not the image: yaw > 0 is a turn to the user's own left,
 *   pitch > 0 is looking up. "left" is so the user's left, which is the screen's left
 *   in a mirrored preview. Keypoints must come from the unmirrored camera frame.
 * - Both angles are measured along the eye line and its normal, so rolling the head
 *   (or the camera) does not change them.
 * - Both use the nose tip's lever in front of the ear tragions, the longest depth
 *   between keypoints. Yaw: turning moves the nose off the ears' midpoint by
 *   depth · sin(yaw) while the ears close up to width · cos(yaw). Pitch: nodding moves
 *   the nose along the eye-mouth direction, relative to the ears, by depth · tan(pitch)
 *   measured against the eye-mouth distance. (The nose against the eye-mouth line alone
 *   has a lever of under 20 mm, which turns 1 px of keypoint noise into 5° of pitch.)
 * - Where the nose sits below the ears at rest differs between faces, so pitch is only
 *   good for changes from a person's own neutral pose; yaw is also good in absolute
 *   terms.
 * - The constants are average adult proportions: ear tragions 144 mm apart and 100 mm
 *   behind the nose tip, the nose tip 30 mm below them, the eyes 70 mm above the mouth.
 */

export type Direction = "up" | "down" | "left" | "right";

/** Left and right turn about the vertical axis (yaw), up and down about the horizontal one (pitch). */
export const isSideways = (direction: Direction): boolean => direction === "left" || direction === "right";

export interface HeadPose {
  /** Degrees, > 0 turned to the user's left. */
  yaw: number;
  /** Degrees, > 0 looking up. */
  pitch: number;
}

const EAR_WIDTH_OVER_NOSE_DEPTH = 144 / 100;
const EYE_MOUTH_OVER_NOSE_DEPTH = 70 / 100;
const NOSE_BELOW_EARS_AT_REST = 30 / 70;

/**
 * Smallest change from the neutral pose that counts as a turn, in the estimate's
 * degrees: what the browser's challenge run (and its own feedback verdict, liveness.ts)
 * waits for; the server's verdict reads turns from this pose and the 68 landmarks' together
 * (landmark-pose.ts, challengePose).
 * On the average head (testing/synthetic-head.ts) 14 is a true yaw of about 10° and 9 a
 * true pitch of about 8.5°, so a person asked for a 15° turn passes it with room to spare.
 * 20 and 12 until 6 December: a 15° turn read 20.3 on the average head, and rendered
 * heads with flatter noses read 29° of yaw as 19 and 24° of pitch as 11, so the browser
 * timed out turns the server would have accepted. Keypoint noise on a still face stays
 * under 3.
 */
export const TURN_THRESHOLD = { yaw: 14, pitch: 9 } as const;

export function estimateHeadPose(keypoints: readonly Point[]): HeadPose {
  if (keypoints.length !== KEYPOINT_COUNT) throw new Error(`Expected ${KEYPOINT_COUNT} keypoints`);
  const rightEye = keypoints[Keypoint.rightEye];
  const leftEye = keypoints[Keypoint.leftEye];
  const nose = keypoints[Keypoint.noseTip];
  const mouth = keypoints[Keypoint.mouthCenter];
  const rightEar = keypoints[Keypoint.rightEarTragion];
  const leftEar = keypoints[Keypoint.leftEarTragion];

  // u runs from the right eye to the left eye, v from the eyes down to the mouth.
  const eyeDistance = Math.hypot(leftEye.x - rightEye.x, leftEye.y - rightEye.y);
  const u = { x: (leftEye.x - rightEye.x) / eyeDistance, y: (leftEye.y - rightEye.y) / eyeDistance };
  const v = { x: -u.y, y: u.x };
  const along = (p: Point, origin: Point, axis: Point) => (p.x - origin.x) * axis.x + (p.y - origin.y) * axis.y;

  const earMid = midpoint(rightEar, leftEar);
  const earDistance = Math.hypot(leftEar.x - rightEar.x, leftEar.y - rightEar.y);
  const yawRatio = along(nose, earMid, u) / earDistance;

  const eyeMid = midpoint(rightEye, leftEye);
  const noseBelowEars = along(nose, earMid, v) / along(mouth, eyeMid, v);

  return {
    yaw: degrees(Math.atan(yawRatio * EAR_WIDTH_OVER_NOSE_DEPTH)),
    pitch: degrees(Math.atan((NOSE_BELOW_EARS_AT_REST - noseBelowEars) * EYE_MOUTH_OVER_NOSE_DEPTH)),
  };
}

/**
 * The direction of a head turn, or undefined while it is within the thresholds. When
 * both axes pass, the one that passes by the larger factor wins.
 */
export function directionOf(pose: HeadPose, neutral: HeadPose = { yaw: 0, pitch: 0 }): Direction | undefined {
  const yaw = (pose.yaw - neutral.yaw) / TURN_THRESHOLD.yaw;
  const pitch = (pose.pitch - neutral.pitch) / TURN_THRESHOLD.pitch;
  // Written so that NaN (keypoints on top of each other) gives no direction.
  if (!(Math.max(Math.abs(yaw), Math.abs(pitch)) >= 1)) return undefined;
  if (Math.abs(yaw) >= Math.abs(pitch)) return yaw > 0 ? "left" : "right";
  return pitch > 0 ? "up" : "down";
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function degrees(radians: number): number {
  return (radians * 180) / Math.PI;
}
