import type { BlazeFaceDetector, FaceDetection, RgbaImage } from "./blazeface.js";
import type { SquareBox } from "./face-crop.js";
import type { FaceNetworks } from "./face-networks.js";
import type { HeadPose } from "./head-pose.js";
import type { Point } from "./keypoints.js";
import { landmarkPose } from "./landmark-pose.js";

/**
 * Per frame: the best BlazeFace detection, the 68 landmarks inside it and the head pose
 * they give. The landmark crop is the square that face-api's landmark network converges
 * to on upright faces (measured on the test set's faces: 1.24 times BlazeFace's box, its
 * centre 7% of the box lower), so one pass of the network suffices.
 */

export interface FaceObservation {
  score: number;
  box: FaceDetection["box"];
  keypoints: Point[];
  landmarks: Point[];
  pose: HeadPose;
}

export function landmarkCropBox(box: FaceDetection["box"]): SquareBox {
  const size = 1.24 * box.width;
  return { x: box.x + box.width / 2 - size / 2, y: box.y + box.height / 2 + 0.07 * box.width - size / 2, size };
}

/** Faces of a series of frames; undefined where BlazeFace finds none. Landmarks run as one batch. */
export async function observeFaces(
  detector: BlazeFaceDetector,
  networks: FaceNetworks,
  frames: readonly RgbaImage[],
): Promise<(FaceObservation | undefined)[]> {
  const detections: (FaceDetection | undefined)[] = [];
  for (const frame of frames) detections.push((await detector.detect(frame)).sort((a, b) => b.score - a.score)[0]);
  const found = detections.flatMap((d, i) => (d ? [{ index: i, detection: d }] : []));
  const landmarks = await networks.landmarks(found.map(({ index, detection }) => ({ image: frames[index], box: landmarkCropBox(detection.box) })));
  const observations: (FaceObservation | undefined)[] = frames.map(() => undefined);
  found.forEach(({ index, detection }, k) => {
    observations[index] = {
      score: detection.score,
      box: detection.box,
      keypoints: detection.keypoints,
      landmarks: landmarks[k],
      pose: landmarkPose(landmarks[k]),
    };
  });
  return observations;
}
