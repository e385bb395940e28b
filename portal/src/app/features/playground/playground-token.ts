import type { Direction } from '../../../../../common/face/head-pose.js';
import {
  ResponseShapeError,
  asObject,
  readArray,
  readBoolean,
  readNullableString,
  readNumber,
  readString,
} from '../../core/http/json-parse';
import { isDirection } from './liveness-wording';

/** `POST /api/clients/:name/playground/token`: a livenessdetection BWS token for the playground. */
export interface PlaygroundToken {
  /** Sent as the bearer of /extension/livenessdetection, never to the Management API. */
  readonly token: string;
  /** One challenge sequence per try: try k (1-based) must follow `challenges[k - 1]`. */
  readonly challenges: readonly (readonly Direction[])[];
  readonly maxTries: number;
  readonly expiresAt: string;
}

/** `POST /extension/livenessdetection`: the service's verdict on one attempt, in the BWS's own field names. */
export interface LivenessVerdict {
  readonly success: boolean;
  /** NotEnoughSamples, NoFaceFound, ChallengeResponseFailed, LiveDetectionFailed; null on success. */
  readonly errorString: string | null;
  /** Tries used so far, this one included. */
  readonly tries: number;
  readonly maxTries: number;
}

/** One frame of an attempt as the service takes it. */
export interface LivenessSample {
  /** Milliseconds since the attempt started. */
  readonly t: number;
  /** Base64 JPEG of the unmirrored frame, without a data: prefix. */
  readonly image: string;
}

export function parsePlaygroundToken(body: unknown): PlaygroundToken {
  const what = 'playground token';
  const source = asObject(body, what);
  return {
    token: readString(source, 'token', what),
    challenges: readArray(source, 'challenges', what, parseChallengeSequence),
    maxTries: readNumber(source, 'maxTries', what),
    expiresAt: readString(source, 'expiresAt', what),
  };
}

export function parseLivenessVerdict(body: unknown): LivenessVerdict {
  const what = 'liveness verdict';
  const source = asObject(body, what);
  return {
    success: readBoolean(source, 'Success', what),
    errorString: readNullableString(source, 'ErrorString', what),
    tries: readNumber(source, 'Tries', what),
    maxTries: readNumber(source, 'MaxTries', what),
  };
}

function parseChallengeSequence(value: unknown, what: string): Direction[] {
  if (!Array.isArray(value)) throw new ResponseShapeError(what, 'an array');
  return value.map((item, index) => {
    if (!isDirection(item)) throw new ResponseShapeError(`${what}[${index}]`, 'up, down, left or right');
    return item;
  });
}
