import { randomInt, randomUUID } from "node:crypto";
import { isSideways } from "../../../common/face/head-pose.js";

/**
 * The claims of a BWS token, exactly as seeds 001/002 define them.
 * - task: Verify 0, Identify 0x10, Enroll 0x20, LiveOnly 0x80; MaxTries in the low four
 *   bits; LiveDetection 0x100; ChallengeResponse 0x200 (only with live detection);
 *   AutoEnroll 0x1000 (only for verify). Livenessdetection always detects liveness.
 * - traits: Face 1, Periocular 2.
 * - challenge: only with challenge-response, a JSON-encoded string holding `maxtries`
 *   arrays of `challenges` directions, never the same direction twice in a row, each with
 *   a turn to the side and a turn up or down (as the seed's example token has): a print
 *   bent around one axis shows no relief when turned about the other (docs/liveness.md).
 * - bcid: the request's `storage.partition.classId` becomes `storage/partition/classId`.
 * - iss "BWS", aud the installation's endpoint URL, nbf now, exp ten minutes later.
 */
export const taskFlags = {
  verify: 0x00,
  identify: 0x10,
  enroll: 0x20,
  livenessdetection: 0x80,
  maxTriesMask: 0x0f,
  liveDetection: 0x100,
  challengeResponse: 0x200,
  autoEnroll: 0x1000,
} as const;

export const traitFlags = { face: 1, periocular: 2 } as const;
export const directions = ["up", "down", "left", "right"] as const;
export type Direction = (typeof directions)[number];
export type TaskName = "verify" | "identify" | "enroll" | "livenessdetection";
export const tokenLifetimeSeconds = 600;

export interface TokenRequest {
  task: TaskName;
  maxTries: number;
  liveDetection: boolean;
  challenge: boolean;
  challenges: number;
  autoEnroll: boolean;
  traits: number;
  /** `storage/partition/classId`, absent for livenessdetection without a BCID. */
  bcid?: string;
}

export interface BwsTokenClaims {
  tokenid: string;
  clnt: string;
  app: string;
  bcid?: string;
  traits: number;
  task: number;
  challenge?: string;
  iss: "BWS";
  aud: string;
  exp: number;
  nbf: number;
}

export function taskValue(request: Omit<TokenRequest, "bcid" | "traits" | "challenges">): number {
  const live = request.task === "livenessdetection" || request.liveDetection;
  return (
    taskFlags[request.task] |
    (request.maxTries & taskFlags.maxTriesMask) |
    (live ? taskFlags.liveDetection : 0) |
    (live && request.challenge ? taskFlags.challengeResponse : 0) |
    (request.task === "verify" && request.autoEnroll ? taskFlags.autoEnroll : 0)
  );
}

/**
 * `maxTries` sequences of `count` (at least 2) directions, no direction twice in a row,
 * each with both a sideways and an up-or-down turn: the last direction is drawn from the
 * missing axis when the others all lie on one.
 */
export function challengeSequences(maxTries: number, count: number, pick = (n: number) => randomInt(n)): Direction[][] {
  return Array.from({ length: maxTries }, () => {
    const sequence: Direction[] = [];
    while (sequence.length < count) {
      let options = directions.filter((d) => d !== sequence.at(-1));
      if (sequence.length === count - 1 && sequence.every((d) => isSideways(d) === isSideways(sequence[0]!))) {
        options = options.filter((d) => isSideways(d) !== isSideways(sequence[0]!));
      }
      sequence.push(options[pick(options.length)]!);
    }
    return sequence;
  });
}

export function buildClaims(
  request: TokenRequest,
  context: { clientName: string; appId: string; audience: string; now?: Date },
): BwsTokenClaims {
  const nbf = Math.floor((context.now ?? new Date()).getTime() / 1000);
  const task = taskValue(request);
  return {
    tokenid: randomUUID(),
    clnt: context.clientName,
    app: context.appId,
    ...(request.bcid ? { bcid: request.bcid } : {}),
    traits: request.traits,
    task,
    ...(task & taskFlags.challengeResponse ? { challenge: JSON.stringify(challengeSequences(request.maxTries, request.challenges)) } : {}),
    iss: "BWS",
    aud: context.audience,
    exp: nbf + tokenLifetimeSeconds,
    nbf,
  };
}
