import type { Direction, HeadPose } from "./head-pose.js";
import type { Point } from "./keypoints.js";

/**
 * Head yaw and pitch from 68 landmarks (iBUG 300-W order), in approximate degrees, for
 * changes from a person's own neutral pose.
 *
 * - Both angles use the nose tip's lever in front of the face's outline: turning moves
 *   the tip across the line between the outline's top points (0 and 16, beside the
 *   ears) by depth · sin(angle), while the outline narrows only by cos(angle). The tip
 *   is measured along the eye line and its normal, so rolling the head does not count.
 * - Yaw is the tip's offset from the outline's midpoint over the outline's half width;
 *   pitch the tip's height above the outline's upper points over the eye-mouth distance.
 *   A flat picture tilted before the camera keeps both ratios, since an affine map keeps
 *   ratios along a line: only a head with a nose in front of its outline changes them.
 * - The gains turn the ratios into degrees: measured on rendered heads with relief
 *   (common/face/testing) at 10-35° turns, ratio ≈ 0.88·tan(yaw) and 0.62·tan(pitch).
 * - Signs follow head-pose.ts: yaw > 0 is a turn to the user's left, pitch > 0 looks up.
 */

export const YAW_GAIN = 0.88;
export const PITCH_GAIN = 0.62;

/**
 * Smallest change from neutral that counts as a turn. Neutral frames move the estimate by
 * under 1.5° (rendered tuning heads, with camera noise and at 320x240; the smoothed
 * estimate reached 2.8° of yaw and 2.6° of pitch at most while 494 tuning heads were held
 * still), while a 15° turn reads as little as 5.2° of yaw or 3.5° of pitch on some faces:
 * the nose tip's lever, and so the gain, differs from face to face (a short nose reads
 * half; turns down read least). 5° and 4° until 6 December missed a 15° turn down of a
 * mirrored tuning face (3.5°); 4.5° and 3.5° find every turn of 496 genuine tuning
 * attempts, where 4° of yaw read a turn down that drifted 7.5° sideways as a turn right,
 * and 3° of pitch found turns in 3 attempts that were not there. Prints tilted far enough to
 * pass them are left to the narrowing and relief checks (docs/liveness.md). Set on the
 * landmark pose; since 7 December they apply to `challengePose`, whose still heads moved
 * less (smoothed, before the first turn, 230 fresh tuning attempts: 1.9° of yaw and 2.1° of
 * pitch at most, against 2.6° and 3.5° for the landmarks alone).
 */
export const TURN_THRESHOLD_DEGREES = { yaw: 4.5, pitch: 3.5 } as const;

export function landmarkPose(landmarks: readonly Point[]): HeadPose {
  if (landmarks.length !== 68) throw new Error("Expected 68 landmarks");
  const { rightEye, leftEye, eyeDistance } = eyeCentres(landmarks);
  const u = { x: (leftEye.x - rightEye.x) / eyeDistance, y: (leftEye.y - rightEye.y) / eyeDistance };
  const v = { x: -u.y, y: u.x };
  const along = (p: Point, axis: Point) => p.x * axis.x + p.y * axis.y;
  const tip = landmarks[30];
  const outlineLeft = landmarks[16];
  const outlineRight = landmarks[0];
  const halfWidth = (along(outlineLeft, u) - along(outlineRight, u)) / 2;
  const outlineMid = (along(outlineLeft, u) + along(outlineRight, u)) / 2;
  const yawRatio = (along(tip, u) - outlineMid) / halfWidth;
  const eyes = mean([rightEye, leftEye]);
  const eyeMouth = along(mean(landmarks.slice(48, 68)), v) - along(eyes, v);
  const outlineTop = mean([landmarks[0], landmarks[1], landmarks[15], landmarks[16]]);
  const pitchRatio = (along(outlineTop, v) - along(tip, v)) / eyeMouth;
  return { yaw: degrees(Math.atan(yawRatio / YAW_GAIN)), pitch: degrees(Math.atan(pitchRatio / PITCH_GAIN)) };
}

/**
 * BlazeFace's keypoint pose (head-pose.ts) in the landmark pose's degrees: the keypoints
 * read 0.75 of a true turn sideways and 0.65 of a nod, the landmarks 0.90 and 0.72
 * (median gains, tuning faces, seeds 75000-75045, turns of 12° or more).
 */
export const KEYPOINT_TO_LANDMARK_GAIN = { yaw: 0.9 / 0.75, pitch: 0.72 / 0.65 } as const;

/**
 * The pose the challenges are read from: the mean of the landmark pose and the keypoint
 * pose, the latter scaled to the former's gain. The two go wrong in different frames: the
 * landmarks' yaw rests on the outline's points beside the ears, and where one of them lies
 * on the silhouette (a head resting turned, a face the network reads askew) a nod moves it
 * and reads as a turn sideways; the keypoints' rests on the ear tragions. On heads resting
 * turned (tuning faces, seeds 75000-75045) the landmarks read the direction of 669 of 679
 * clear turns right, the keypoints 669, never both wrong in one frame, and their mean 677.
 * A flat picture tilted about either axis keeps both poses' ratios (up to perspective), so
 * tilted prints read small turns either way; those that pass the challenges (the bench's
 * tuned tilted print 10 times in 20 with the mean, 6 before) are refused by the narrowing
 * and relief checks (docs/liveness.md).
 */
export function challengePose(fromLandmarks: HeadPose, fromKeypoints: HeadPose): HeadPose {
  return {
    yaw: (fromLandmarks.yaw + KEYPOINT_TO_LANDMARK_GAIN.yaw * fromKeypoints.yaw) / 2,
    pitch: (fromLandmarks.pitch + KEYPOINT_TO_LANDMARK_GAIN.pitch * fromKeypoints.pitch) / 2,
  };
}

/** The eyes' centres (means of their six landmarks each) and the distance between them, in pixels. */
export function eyeCentres(landmarks: readonly Point[]): { rightEye: Point; leftEye: Point; eyeDistance: number } {
  const rightEye = mean(landmarks.slice(36, 42));
  const leftEye = mean(landmarks.slice(42, 48));
  return { rightEye, leftEye, eyeDistance: Math.hypot(leftEye.x - rightEye.x, leftEye.y - rightEye.y) };
}

/**
 * The direction of a head turn from neutral, or undefined within the thresholds. When
 * both axes pass, the one that passes by the larger factor wins.
 */
export function turnDirection(pose: HeadPose, neutral: HeadPose): Direction | undefined {
  const yaw = (pose.yaw - neutral.yaw) / TURN_THRESHOLD_DEGREES.yaw;
  const pitch = (pose.pitch - neutral.pitch) / TURN_THRESHOLD_DEGREES.pitch;
  if (!(Math.max(Math.abs(yaw), Math.abs(pitch)) >= 1)) return undefined;
  if (Math.abs(yaw) >= Math.abs(pitch)) return yaw > 0 ? "left" : "right";
  return pitch > 0 ? "up" : "down";
}

function mean(points: readonly Point[]): Point {
  return { x: points.reduce((s, p) => s + p.x, 0) / points.length, y: points.reduce((s, p) => s + p.y, 0) / points.length };
}

function degrees(radians: number): number {
  return (radians * 180) / Math.PI;
}
