import { InjectionToken } from '@angular/core';

import type { FaceDetection } from '../../../../../common/face/blazeface.js';
import type { FaceDetectionReply, FaceDetectionRequest } from './face-detection-protocol';

/** Served by the BFF from their npm packages. */
export const FACE_MODEL_URL = '/assets/face/blazeface-front-128.onnx';
export const ORT_WASM_PATH = '/assets/ort/';

export interface DetectorInfo {
  readonly loadMs: number;
  readonly numThreads: number;
}

export interface FrameDetections {
  /** Best score first, in the frame's pixels. */
  readonly faces: readonly FaceDetection[];
  readonly detectMs: number;
}

/** Face detection off the main thread; the playground's only way to reach the model. */
export interface FaceDetector {
  load(): Promise<DetectorInfo>;
  /** Takes ownership of the frame. */
  detect(frame: ImageBitmap): Promise<FrameDetections>;
  dispose(): void;
}

/** Creates a detector per playground visit; tests replace it, as jsdom runs no WASM. */
export const FACE_DETECTOR = new InjectionToken<() => FaceDetector>('FaceDetector factory', {
  providedIn: 'root',
  factory: () => () => new WorkerFaceDetector(),
});

interface Waiting<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

/**
 * BlazeFace in face-detection.worker.ts. Threads need cross-origin isolation (the BFF sends
 * COOP and COEP); without it the runtime runs on one thread.
 */
class WorkerFaceDetector implements FaceDetector {
  private readonly worker = new Worker(new URL('./face-detection.worker', import.meta.url), { type: 'module' });
  private loading: Waiting<DetectorInfo> | undefined;
  private readonly detecting = new Map<number, Waiting<FrameDetections>>();
  private nextId = 1;

  constructor() {
    this.worker.addEventListener('message', (event: MessageEvent<FaceDetectionReply>) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => {
      this.failAll(new Error(event.message || 'The face detection worker could not start.'));
    });
  }

  load(): Promise<DetectorInfo> {
    return new Promise((resolve, reject) => {
      this.loading = { resolve, reject };
      this.send({
        type: 'load',
        modelUrl: new URL(FACE_MODEL_URL, location.origin).href,
        wasmPaths: new URL(ORT_WASM_PATH, location.origin).href,
        numThreads: crossOriginIsolated ? 2 : 1,
      });
    });
  }

  detect(frame: ImageBitmap): Promise<FrameDetections> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.detecting.set(id, { resolve, reject });
      this.send({ type: 'detect', id, frame }, [frame]);
    });
  }

  dispose(): void {
    this.worker.terminate();
    this.failAll(new Error('The face detector was closed.'));
  }

  private send(request: FaceDetectionRequest, transfer: Transferable[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  private receive(reply: FaceDetectionReply): void {
    switch (reply.type) {
      case 'loaded':
        this.loading?.resolve({ loadMs: reply.loadMs, numThreads: reply.numThreads });
        this.loading = undefined;
        return;
      case 'failed':
        this.loading?.reject(new Error(reply.message));
        this.loading = undefined;
        return;
      case 'detected':
        this.detecting.get(reply.id)?.resolve({ faces: reply.faces, detectMs: reply.detectMs });
        this.detecting.delete(reply.id);
        return;
      case 'detectFailed':
        this.detecting.get(reply.id)?.reject(new Error(reply.message));
        this.detecting.delete(reply.id);
        return;
    }
  }

  private failAll(error: Error): void {
    this.loading?.reject(error);
    this.loading = undefined;
    for (const waiting of this.detecting.values()) waiting.reject(error);
    this.detecting.clear();
  }
}
