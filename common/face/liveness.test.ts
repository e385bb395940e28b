import { describe, expect, it } from "vitest";
import type { Direction } from "./head-pose.js";
import { decideLiveness, PLANAR_RESIDUAL_MIN, type LivenessFrame } from "./liveness.js";
import {
  gaussianNoise,
  HEAD_MODEL,
  PHOTO_MODEL,
  project,
  WEBCAM,
  withNoise,
  type Camera,
  type Placement,
} from "./testing/synthetic-head.js";

/** True angles of a clear but unexaggerated turn. */
const HEAD_TURN: Record<Direction, Placement> = {
  left: { yaw: 25 },
  right: { yaw: -25 },
  up: { pitch: 18 },
  down: { pitch: -18 },
};

/** 10 frames a second: facing the camera, then per challenge a turn in 2 frames, held 3, back in 2. */
function script(directions: readonly Direction[], turnTo: (d: Direction) => Placement): Placement[] {
  const halfway = (p: Placement): Placement => ({
    yaw: (p.yaw ?? 0) / 2,
    pitch: (p.pitch ?? 0) / 2,
    roll: (p.roll ?? 0) / 2,
    shift: p.shift && [p.shift[0] / 2, p.shift[1] / 2, p.shift[2] / 2],
  });
  const frames: Placement[] = [{}, {}, {}];
  for (const direction of directions) {
    const turned = turnTo(direction);
    frames.push(halfway(turned), turned, turned, turned, halfway(turned), {}, {});
  }
  return frames;
}

interface CaptureOptions {
  seed?: number;
  noisePx?: number;
  frameMs?: number;
  camera?: Camera;
}

function capture(
  model: typeof HEAD_MODEL,
  placements: readonly Placement[],
  { seed = 1, noisePx = 1, frameMs = 100, camera = WEBCAM }: CaptureOptions = {},
): LivenessFrame[] {
  const noise = gaussianNoise(seed);
  return placements.map((placement, i) => ({
    t: 1_000 + i * frameMs,
    keypoints: withNoise(project(model, placement, camera), noisePx, noise),
  }));
}

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe("decideLiveness with a 3D head", () => {
  it.each<Direction[]>([["left"], ["right"], ["up"], ["down"], ["left", "up"], ["down", "right", "up", "left"]])(
    "passes a head that follows %o, for every noise seed",
    (...challenges) => {
      for (const seed of SEEDS) {
        const frames = capture(HEAD_MODEL, script(challenges, (d) => HEAD_TURN[d]), { seed });
        const decision = decideLiveness({ challenges, frames });
        expect(decision, `seed ${seed}`).toMatchObject({ live: true, error: undefined });
        expect(decision.perChallenge.map((c) => c.observed)).toEqual(challenges);
      }
    },
  );

  it("passes a head that turns while it also drifts, rolls and moves closer", () => {
    const challenges: Direction[] = ["right", "up"];
    const placements = script(challenges, (d) => ({ ...HEAD_TURN[d], roll: 10, shift: [40, -20, -80] }));
    expect(decideLiveness({ challenges, frames: capture(HEAD_MODEL, placements) }).live).toBe(true);
  });

  it("fails with ChallengeResponseFailed when the turns come in the wrong order", () => {
    const frames = capture(HEAD_MODEL, script(["up", "left"], (d) => HEAD_TURN[d]));
    const decision = decideLiveness({ challenges: ["left", "up"], frames });
    expect(decision).toMatchObject({ live: false, error: "ChallengeResponseFailed" });
    expect(decision.perChallenge.map((c) => c.observed)).toEqual(["up", "left"]);
  });

  it("fails with ChallengeResponseFailed when a challenge is left out", () => {
    const frames = capture(HEAD_MODEL, script(["left", "left"], (d) => HEAD_TURN[d]));
    const decision = decideLiveness({ challenges: ["left", "right", "left"], frames });
    expect(decision).toMatchObject({ live: false, error: "ChallengeResponseFailed" });
  });

  it("fails with ChallengeResponseFailed when a turn comes after the time limit", () => {
    const frames = capture(HEAD_MODEL, script(["left", "down"], (d) => HEAD_TURN[d]), { frameMs: 1100 });
    const decision = decideLiveness({ challenges: ["left", "down"], frames, timeLimitMs: 3000 });
    expect(decision).toMatchObject({ live: false, error: "ChallengeResponseFailed" });
    expect(decision.perChallenge[0].afterMs).toBeGreaterThan(3000);
  });

  it("fails with ChallengeResponseFailed when the head turns too little", () => {
    const frames = capture(HEAD_MODEL, script(["left", "up"], (d) => (d === "left" ? { yaw: 20 } : { pitch: 5 })));
    expect(decideLiveness({ challenges: ["left", "up"], frames }).error).toBe("ChallengeResponseFailed");
  });

  it("fails with NotEnoughSamples below three frames per challenge", () => {
    const frames = capture(HEAD_MODEL, [{}, { yaw: 25 }, { yaw: 25 }, {}, { pitch: 18 }]);
    expect(decideLiveness({ challenges: ["left", "up"], frames })).toMatchObject({
      live: false,
      error: "NotEnoughSamples",
    });
  });

  it("ignores frames without a face, and fails with NoFaceFound when no frame has one", () => {
    const frames = capture(HEAD_MODEL, script(["left"], (d) => HEAD_TURN[d]));
    const withGaps = frames.flatMap((f) => [f, { t: f.t + 50, keypoints: [] }]);
    expect(decideLiveness({ challenges: ["left"], frames: withGaps }).live).toBe(true);
    const empty = frames.map((f) => ({ t: f.t, keypoints: [] }));
    expect(decideLiveness({ challenges: ["left"], frames: empty }).error).toBe("NoFaceFound");
  });
});

describe("decideLiveness with a flat photo of the same face", () => {
  const challenges: Direction[] = ["left", "up"];

  it.each<[string, (d: Direction) => Placement]>([
    ["moved around and towards the camera", (d) => ({ shift: d === "left" ? [-60, 0, -150] : [20, -50, 100] })],
    ["rotated in its plane", (d) => ({ roll: d === "left" ? 30 : -30 })],
    ["tilted out of its plane in the challenged direction", (d) => (d === "left" ? { yaw: 60 } : { pitch: 60 })],
    ["tilted, rolled and moved at once", (d) => ({ yaw: d === "left" ? 45 : -20, pitch: 30, roll: 15, shift: [30, 30, -60] })],
  ])("fails with LiveDetectionFailed when %s, for every noise seed", (_, turnTo) => {
    for (const seed of SEEDS) {
      const decision = decideLiveness({ challenges, frames: capture(PHOTO_MODEL, script(challenges, turnTo), { seed }) });
      expect(decision, `seed ${seed}`).toMatchObject({ live: false, error: "LiveDetectionFailed" });
      expect(decision.maxPlanarResidual).toBeLessThan(PLANAR_RESIDUAL_MIN);
    }
  });

  it("fails with LiveDetectionFailed even where perspective makes its tilts read as turns", () => {
    // 15 cm from the camera, swinging the photo by 70° reads as turning left and right.
    const challenges: Direction[] = ["left", "right"];
    const camera = { ...WEBCAM, distanceMm: 150 };
    for (const seed of SEEDS) {
      const frames = capture(PHOTO_MODEL, script(challenges, (d) => ({ yaw: d === "left" ? 70 : -70 })), { seed, camera });
      const decision = decideLiveness({ challenges, frames });
      expect(decision.perChallenge.map((c) => c.observed)).toEqual(challenges);
      expect(decision, `seed ${seed}`).toMatchObject({ live: false, error: "LiveDetectionFailed" });
      expect(decision.maxPlanarResidual).toBeLessThan(PLANAR_RESIDUAL_MIN);
    }
  });
});
