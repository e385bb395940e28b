import * as ort from 'onnxruntime-web/wasm';

import { BlazeFaceDetector } from '../../../../../common/face/blazeface.js';
import type { DetectRequest, FaceDetectionReply, FaceDetectionRequest, LoadModelRequest } from './face-detection-protocol';

/**
 * Runs BlazeFace off the main thread. onnxruntime-web comes in this worker's bundle; its
 * WASM runtime and the model are fetched from the BFF (never from the internet). The
 * playground sends one frame at a time, so frames never queue up here.
 */

let detector: BlazeFaceDetector | undefined;
let canvas: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | null = null;

addEventListener('message', (event: MessageEvent<FaceDetectionRequest>) => {
  const request = event.data;
  if (request.type === 'load') void load(request);
  else void detect(request);
});

function reply(message: FaceDetectionReply): void {
  postMessage(message);
}

async function load(request: LoadModelRequest): Promise<void> {
  const started = performance.now();
  try {
    ort.env.wasm.wasmPaths = request.wasmPaths;
    ort.env.wasm.numThreads = request.numThreads;
    // Already in a worker: ORT's own proxy worker would only add a hop.
    ort.env.wasm.proxy = false;
    const response = await fetch(request.modelUrl);
    if (!response.ok) throw new Error(`The face model could not be loaded (HTTP ${response.status}).`);
    const model = new Uint8Array(await response.arrayBuffer());
    detector = await BlazeFaceDetector.create(ort, model);
    reply({ type: 'loaded', loadMs: performance.now() - started, numThreads: ort.env.wasm.numThreads ?? 1 });
  } catch (error) {
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

async function detect(request: DetectRequest): Promise<void> {
  const { id, frame } = request;
  const started = performance.now();
  try {
    if (!detector) throw new Error('The face model is not loaded.');
    const pixels = readPixels(frame);
    const faces = await detector.detect(pixels);
    reply({ type: 'detected', id, faces, detectMs: performance.now() - started });
  } catch (error) {
    reply({ type: 'detectFailed', id, message: error instanceof Error ? error.message : String(error) });
  } finally {
    frame.close();
  }
}

function readPixels(frame: ImageBitmap): ImageData {
  if (!canvas || canvas.width !== frame.width || canvas.height !== frame.height) {
    canvas = new OffscreenCanvas(frame.width, frame.height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) throw new Error('This browser cannot read video frames in a worker.');
  context.drawImage(frame, 0, 0);
  return context.getImageData(0, 0, frame.width, frame.height);
}
