import { readFile } from "node:fs/promises";
import jpeg from "jpeg-js";
import * as ort from "onnxruntime-web";
import { BlazeFaceDetector, type FaceDetection } from "../../../common/face/blazeface.js";
import { BadRequestError } from "../errors.ts";
import { blazeFaceModelPath, onnxRuntimeDist } from "./face-assets.ts";

/**
 * The same BlazeFace model and decoder the browser uses, run in the BFF on the frames a
 * client posts, so the verdict never trusts the browser's own detections.
 * One detector per process, created on first use; frames are decoded from JPEG.
 */
const maxPixels = 1280 * 960;
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

export function decodeJpegFrame(base64: string, index: number) {
  const bytes = Buffer.from(base64.replace(/^data:image\/jpeg;base64,/, ""), "base64");
  try {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxPixels / 1e6, maxMemoryUsageInMB: 64 });
    return { bytes, image: { data: image.data, width: image.width, height: image.height } };
  } catch {
    throw new BadRequestError(`Frame ${index + 1} is not a readable JPEG image of at most ${maxPixels / 1e6} megapixels.`, "InvalidSample");
  }
}

export async function detectFaces(image: { data: Uint8Array; width: number; height: number }): Promise<FaceDetection[]> {
  return (await getDetector()).detect(image);
}
