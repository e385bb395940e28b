import { beforeAll, describe, expect, it } from "vitest";
import type { Direction } from "../../../common/face/head-pose.js";
import { bentPhoto, photoSplice, tiltedPhoto } from "../../../common/face/testing/attack-attempts.js";
import { TUNING_IDENTITIES, type FaceIdentity } from "../../../common/face/testing/face-photos.js";
import { prepareFace, type PreparedFace } from "../../../common/face/testing/prepared-face.js";
import { genuineAttempt, RESTING_TURNED, type GenuineOptions } from "../../../common/face/testing/rendered-attempt.js";
import { loadJudgeModels } from "./face-models.ts";
import { judgeLivenessAttempt } from "./judge-liveness-attempt.ts";

/**
 * The judge on a few rendered attempts of the tuning faces (the benchmark runs many, on
 * other faces): a head with relief following the challenges is live; a print tilted or
 * bent as asked, and photos of other people for the turns, are not.
 */
const challenges: Direction[] = ["left", "up", "right", "down"];

/** The judge's verdict on a genuine attempt of the tuning harness (bench/liveness/tuning-run.ts), rendered at 640×480 as it renders it. */
async function judgeTuningSeed(identity: FaceIdentity, asked: readonly Direction[], seed: number, options?: GenuineOptions) {
  const models = await loadJudgeModels();
  const face = await prepareFace(identity, models.detector, models.networks);
  const attempt = genuineAttempt(face, asked, seed, { width: 640 }, options);
  return (await judgeLivenessAttempt({ frames: attempt.frames, challenges: [...asked] })).verdict;
}

describe("the liveness judge on rendered attempts", () => {
  let faces: PreparedFace[];

  beforeAll(async () => {
    const models = await loadJudgeModels();
    faces = [];
    for (const identity of TUNING_IDENTITIES.slice(0, 3)) faces.push(await prepareFace(identity, models.detector, models.networks));
  }, 120_000);

  it("accepts a head with relief that follows the challenges, at 320x240", async () => {
    const attempt = genuineAttempt(faces[0], challenges, 11, { width: 320 });
    const { verdict, prints } = await judgeLivenessAttempt({ frames: attempt.frames, challenges });
    expect(verdict.turns.map((t) => t.observed)).toEqual(challenges);
    expect(verdict).toMatchObject({ live: true });
    expect(prints.length).toBe(attempt.frames.length);
    expect(prints.some((p) => p.turn >= 1)).toBe(true);
  }, 120_000);

  it("accepts 15° turns of a face whose landmarks read them as 6-16° (pitch down the least)", async () => {
    const asked: Direction[] = ["left", "up", "down", "right"];
    const attempt = genuineAttempt(faces[2], asked, 1002, { width: 640 }, { motion: { angle: [15, 16] } });
    const { verdict } = await judgeLivenessAttempt({ frames: attempt.frames, challenges: asked });
    expect(verdict.turns.map((t) => t.observed)).toEqual(asked);
    expect(verdict).toMatchObject({ live: true });
  }, 120_000);

  it("accepts heads whose landmarks slip at a 35° turn up, or read turns at half their size (the continuity check's gate)", async () => {
    // Tuning seeds 3003 and 3012 of bench/liveness/tuning-run.ts: both broke the
    // appearance check (correlations 0.00 and 0.34) while it compared frames on the
    // landmarks' pose alone.
    for (const [identity, seed, asked] of [
      [TUNING_IDENTITIES[3], 3003, ["left", "up", "left", "right"]],
      [TUNING_IDENTITIES[5], 3012, ["left", "up", "right", "left"]],
    ] as const) {
      const verdict = await judgeTuningSeed(identity, asked, seed);
      expect(verdict.track, `seed ${seed}`).toMatchObject({ continuous: true });
      expect(verdict, `seed ${seed}`).toMatchObject({ live: true });
    }
  }, 240_000);

  it("accepts a head resting turned to one side that turns further (the narrowing check's limits)", async () => {
    // Tuning seed 73519 of bench/liveness/tuning-run.ts, kind genuine-rest: resting turned
    // to the right, its 15.6° turn right narrowed the face to 0.53, which the limits before
    // 7 December (0.68 and cos(angle + 25°)) refused.
    const verdict = await judgeTuningSeed(TUNING_IDENTITIES[19], ["left", "right", "down", "right"], 73519, { restTurn: RESTING_TURNED });
    expect(Math.min(...verdict.turns.map((t) => t.relief?.narrowing ?? 1))).toBeLessThan(0.6);
    expect(verdict).toMatchObject({ live: true });
  }, 120_000);

  it("reads the challenges from the landmarks' and the keypoints' pose together (a head resting turned)", async () => {
    // Tuning seed 76128 of bench/liveness/tuning-run.ts, kind genuine-rest: its last turn,
    // 32° right from a head resting turned, read as 6° sideways and 8-13° up by the
    // landmarks alone, so the turn asked for was missing; the keypoints read it sideways.
    const asked: Direction[] = ["left", "down", "up", "right"];
    const verdict = await judgeTuningSeed(TUNING_IDENTITIES[5], asked, 76128, { restTurn: RESTING_TURNED });
    expect(verdict.turns.map((t) => t.observed)).toEqual(asked);
  }, 120_000);

  it("finds no turns in a still head and answers ChallengeResponseFailed", async () => {
    const attempt = genuineAttempt(faces[1], challenges, 12, { width: 320 }, { motion: { angle: [0, 0] } });
    const { verdict } = await judgeLivenessAttempt({ frames: attempt.frames, challenges });
    expect(verdict).toMatchObject({ live: false, error: "ChallengeResponseFailed" });
  }, 120_000);

  it("refuses prints tilted or bent as the challenges ask", async () => {
    for (const attempt of [tiltedPhoto(faces[1], challenges, 13, { width: 320 }), bentPhoto(faces[2], challenges, 14, { width: 320 }, { bendRadiusMm: 90 })]) {
      const { verdict } = await judgeLivenessAttempt({ frames: attempt.frames, challenges });
      expect(verdict.live).toBe(false);
    }
  }, 240_000);

  it("refuses photos of other people for the turns", async () => {
    const attempt = photoSplice(faces[0], faces.slice(1), challenges, 15, { width: 320 });
    const { verdict } = await judgeLivenessAttempt({ frames: attempt.frames, challenges });
    expect(verdict.live).toBe(false);
  }, 120_000);
});
