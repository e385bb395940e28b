import { readFile } from "node:fs/promises";
import jpeg from "jpeg-js";
import * as ort from "onnxruntime-web";
import { BlazeFaceDetector, type FaceDetection, type RgbaImage } from "../../../common/face/blazeface.js";
import { BadRequestError } from "../errors.ts";
import { blazeFaceModelPath, onnxRuntimeDist } from "./face-assets.ts";
import { maxFramePixels, maxFrameSide } from "./liveness-limits.ts";

/**
 * The same BlazeFace model and decoder the browser uses, run in the BFF on the frames a
 * client posts, so the verdict never trusts the browser's own detections. Runs in the
 * worker pool: one detector per worker thread, created on first use.
 */
let detector: Promise<BlazeFaceDetector> | undefined;

function getDetector(): Promise<BlazeFaceDetector> {
  detector ??= (async () => {
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.wasmPaths = `${onnxRuntimeDist}/`;
    return BlazeFaceDetector.create(ort, await readFile(blazeFaceModelPath));
  })().catch((error: unknown) => {
    detector = undefined;
    throw error;
  });
  return detector;
}

/** Decodes one frame; jpeg-js enforces the pixel cap on every frame header it meets. */
export function decodeJpegFrame(bytes: Uint8Array, index: number): RgbaImage {
  let image: { data: Uint8Array; width: number; height: number };
  try {
    image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxFramePixels / 1e6, maxMemoryUsageInMB: 64 });
  } catch {
    throw new BadRequestError(`Frame ${index + 1} is not a readable JPEG image of at most 1280x720 pixels.`, "InvalidSample");
  }
  if (Math.max(image.width, image.height) > maxFrameSide) {
    throw new BadRequestError(`Frame ${index + 1} is ${image.width}x${image.height}; a frame may be at most 1280x720.`, "FrameTooLarge");
  }
  return { data: image.data, width: image.width, height: image.height };
}

export async function detectFaces(image: RgbaImage): Promise<FaceDetection[]> {
  return (await getDetector()).detect(image);
}
