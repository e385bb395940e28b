import type { FaceDetection } from '../../../../../common/face/blazeface.js';

/**
 * Draws detections in the camera frame's own pixels. The canvas sits in the same mirrored
 * box as the video, so the drawing lines up with the mirrored preview without flipping
 * any coordinates here (and the detections stay those of the unmirrored frame).
 */
const BOX_COLOUR = '#4caf50';
/** Right eye, left eye, nose tip, mouth, right ear, left ear. */
const KEYPOINT_COLOURS = ['#29b6f6', '#29b6f6', '#ffca28', '#ef5350', '#ab47bc', '#ab47bc'];

export function drawFaces(canvas: HTMLCanvasElement, width: number, height: number, faces: readonly FaceDetection[]): void {
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const context = canvas.getContext('2d');
  if (!context) return;
  context.clearRect(0, 0, width, height);
  const line = Math.max(2, width / 240);
  for (const face of faces) {
    context.strokeStyle = BOX_COLOUR;
    context.lineWidth = line;
    context.strokeRect(face.box.x, face.box.y, face.box.width, face.box.height);
    face.keypoints.forEach((point, index) => {
      context.fillStyle = KEYPOINT_COLOURS[index] ?? BOX_COLOUR;
      context.beginPath();
      context.arc(point.x, point.y, line * 1.5, 0, 2 * Math.PI);
      context.fill();
    });
  }
}
