import type { FaceDetection } from '../../../../../common/face/blazeface.js';

/** Messages between the playground and face-detection.worker.ts. */

export interface LoadModelRequest {
  readonly type: 'load';
  readonly modelUrl: string;
  /** Folder the onnxruntime-web WASM files are fetched from (absolute URL, ending in /). */
  readonly wasmPaths: string;
  readonly numThreads: number;
}

export interface DetectRequest {
  readonly type: 'detect';
  readonly id: number;
  /** Transferred, and closed by the worker. */
  readonly frame: ImageBitmap;
}

export type FaceDetectionRequest = LoadModelRequest | DetectRequest;

export interface ModelLoaded {
  readonly type: 'loaded';
  /** Fetching the model and creating the inference session. */
  readonly loadMs: number;
  readonly numThreads: number;
}

export interface ModelFailed {
  readonly type: 'failed';
  readonly message: string;
}

export interface FacesDetected {
  readonly type: 'detected';
  readonly id: number;
  readonly faces: readonly FaceDetection[];
  /** Reading the frame's pixels and running the detector. */
  readonly detectMs: number;
}

export interface DetectFailed {
  readonly type: 'detectFailed';
  readonly id: number;
  readonly message: string;
}

export type FaceDetectionReply = ModelLoaded | ModelFailed | FacesDetected | DetectFailed;
