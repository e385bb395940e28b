import { Provider } from '@angular/core';
import { vi } from 'vitest';

import { CAMERA, Camera } from '../camera';
import { DetectorInfo, FACE_DETECTOR, FaceDetector, FrameDetections } from '../face-detector';

/**
 * Stand-ins for the camera and the worker in component specs: jsdom has neither a camera
 * nor WASM, and the specs decide when each becomes ready.
 */
export class FakeCamera implements Camera {
  readonly stopTrack = vi.fn();
  private answer: Promise<MediaStream> = Promise.resolve(this.stream());
  readonly open = vi.fn(() => this.answer);

  failWith(error: unknown): void {
    this.answer = Promise.reject(error);
    this.answer.catch(() => undefined);
  }

  /** Only getTracks() is read from the stream outside the video element, which jsdom does not play. */
  private stream(): MediaStream {
    const track: Pick<MediaStreamTrack, 'stop'> = { stop: this.stopTrack };
    const stream: Pick<MediaStream, 'getTracks'> = { getTracks: () => [track as MediaStreamTrack] };
    return stream as MediaStream;
  }
}

export class FakeFaceDetector implements FaceDetector {
  private finishLoading: ((info: DetectorInfo) => void) | undefined;
  private failLoading: ((error: Error) => void) | undefined;
  readonly load = vi.fn(
    () =>
      new Promise<DetectorInfo>((resolve, reject) => {
        this.finishLoading = resolve;
        this.failLoading = reject;
      }),
  );
  readonly detect = vi.fn(async (): Promise<FrameDetections> => ({ faces: [], detectMs: 5 }));
  readonly dispose = vi.fn();

  loaded(info: DetectorInfo = { loadMs: 812.4, numThreads: 2 }): void {
    this.finishLoading?.(info);
  }

  failed(message: string): void {
    this.failLoading?.(new Error(message));
  }
}

export function provideFakeCamera(camera: FakeCamera, detector: FakeFaceDetector): Provider[] {
  return [
    { provide: CAMERA, useValue: camera },
    { provide: FACE_DETECTOR, useValue: () => detector },
  ];
}
