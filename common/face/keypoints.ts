/** A point in image pixels, x to the right and y down. */
export interface Point {
  x: number;
  y: number;
}

/**
 * Indices of BlazeFace's six keypoints. Right and left are the subject's own: in an
 * unmirrored camera frame the right eye is on the image's left. Keypoints from a
 * mirrored frame swap that meaning, so detect on the camera frame and mirror only
 * the preview.
 */
export const Keypoint = {
  rightEye: 0,
  leftEye: 1,
  noseTip: 2,
  mouthCenter: 3,
  rightEarTragion: 4,
  leftEarTragion: 5,
} as const;

export const KEYPOINT_COUNT = 6;
