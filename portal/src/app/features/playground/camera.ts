import { InjectionToken } from '@angular/core';

/** Why the camera is not available, in words a user can act on. */
export type CameraProblem = 'unsupported' | 'denied' | 'notFound' | 'busy' | 'failed';

export const CAMERA_PROBLEM_WORDS: Readonly<Record<CameraProblem, { heading: string; text: string }>> = {
  unsupported: {
    heading: 'This browser cannot use a camera here',
    text: 'Open the portal in a current browser over HTTPS (or on localhost) to use the playground.',
  },
  denied: {
    heading: 'Camera access is blocked',
    text: "Allow the camera for this site (the camera icon in the browser's address bar), then reload the page.",
  },
  notFound: {
    heading: 'No camera found',
    text: 'Connect a camera, or enable the built-in one, then reload the page.',
  },
  busy: {
    heading: 'The camera is in use',
    text: 'Another application or browser tab is using the camera. Close it, then reload the page.',
  },
  failed: {
    heading: 'The camera could not be started',
    text: 'Reload the page to try again.',
  },
};

export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(CAMERA_PROBLEM_WORDS[problem].heading);
    this.name = 'CameraError';
  }
}

export interface Camera {
  /** Rejects with a CameraError. */
  open(): Promise<MediaStream>;
}

/** A 640x480 front camera, as BlazeFace's short-range model and the service expect. */
const CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
};

export const CAMERA = new InjectionToken<Camera>('Camera', {
  providedIn: 'root',
  factory: () => ({ open: openUserCamera }),
});

async function openUserCamera(): Promise<MediaStream> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('unsupported');
  }
  try {
    return await navigator.mediaDevices.getUserMedia(CONSTRAINTS);
  } catch (error) {
    throw new CameraError(cameraProblemOf(error));
  }
}

/** getUserMedia's DOMException names, sorted by what the user can do about them. */
export function cameraProblemOf(error: unknown): CameraProblem {
  if (error instanceof CameraError) return error.problem;
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'notFound';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'failed';
  }
}

export function stopCamera(stream: MediaStream | undefined): void {
  stream?.getTracks().forEach((track) => track.stop());
}
