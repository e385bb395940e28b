import { describe, expect, it } from "vitest";
import { decideAttempt, MAX_IDENTITY_DISTANCE, MIN_MEAN_RELIEF, MIN_TURN_RELIEF, type AttemptFacts, type TurnEvidence } from "./liveness-verdict.js";
import type { ReliefMeasure } from "./nose-relief.js";

const relief = (value: number, extra: Partial<ReliefMeasure> = {}): ReliefMeasure => ({
  relief: value,
  warpRelief: value,
  fitRms: 0.01,
  facePoints: 12,
  trackScore: 0.97,
  midline: value,
  wings: value,
  narrowing: 0.9,
  ...extra,
});
const turn = (extra: Partial<TurnEvidence> = {}): TurnEvidence => ({
  direction: "left",
  observed: "left",
  degrees: 20,
  afterMs: 1200,
  followed: true,
  identityDistance: 0.3,
  relief: relief(0.08),
  ...extra,
});
const facts = (turns: TurnEvidence[], extra: Partial<AttemptFacts> = {}): AttemptFacts => ({
  frames: 20,
  faceFrames: 20,
  challenges: turns.length,
  track: { continuous: true, lowestCorrelation: 0.9 },
  turns,
  ...extra,
});

describe("decideAttempt", () => {
  it("accepts turns that were followed, by one person, with relief", () => {
    expect(decideAttempt(facts([turn(), turn({ direction: "up", observed: "up" })]))).toMatchObject({ live: true });
  });

  it("answers NoFaceFound, NotEnoughSamples and LiveDetectionFailed for a broken track, in that order", () => {
    expect(decideAttempt(facts([turn()], { faceFrames: 0 }))).toMatchObject({ error: "NoFaceFound" });
    expect(decideAttempt(facts([turn(), turn()], { faceFrames: 2 }))).toMatchObject({ error: "NotEnoughSamples" });
    expect(decideAttempt(facts([turn()], { track: { continuous: false, break: "Jump", lowestCorrelation: 1 } }))).toMatchObject({
      error: "LiveDetectionFailed",
      reason: "Continuity",
    });
  });

  it("answers ChallengeResponseFailed when a turn is missing, wrong or late", () => {
    expect(decideAttempt(facts([turn({ followed: false, observed: "right" })]))).toMatchObject({ error: "ChallengeResponseFailed" });
  });

  it("refuses another person at a turn's peak", () => {
    expect(decideAttempt(facts([turn(), turn({ identityDistance: MAX_IDENTITY_DISTANCE + 0.01 })]))).toMatchObject({ error: "LiveDetectionFailed", reason: "Identity" });
  });

  it("refuses a turn whose face could not be followed (a splice) or that narrowed like a tilted print", () => {
    expect(decideAttempt(facts([turn({ relief: relief(0.08, { trackScore: 0.7 }) })]))).toMatchObject({ reason: "Splice" });
    expect(decideAttempt(facts([turn({ degrees: 15, relief: relief(0.08, { narrowing: 0.5 }) })]))).toMatchObject({ reason: "Narrowing" });
    expect(decideAttempt(facts([turn({ relief: relief(0.08, { narrowing: 1.4 }) })]))).toMatchObject({ reason: "Narrowing" });
  });

  it("refuses a turn without relief, and turns whose relief is low on average", () => {
    expect(decideAttempt(facts([turn(), turn({ relief: relief(MIN_TURN_RELIEF - 0.001) })]))).toMatchObject({ reason: "Relief" });
    const low = MIN_MEAN_RELIEF - 0.002;
    expect(low).toBeGreaterThan(MIN_TURN_RELIEF);
    expect(decideAttempt(facts([turn({ relief: relief(low) }), turn({ relief: relief(low) })]))).toMatchObject({ reason: "Relief" });
  });

  it("accepts 15° turns of a short nose (relief 0.026-0.06, mean 0.042) and refuses a bent print with one flat turn", () => {
    const shortNose = [0.06, 0.026, 0.041, 0.041].map((r, k) => turn({ direction: k % 2 ? "up" : "left", observed: k % 2 ? "up" : "left", degrees: 15, relief: relief(r) }));
    expect(decideAttempt(facts(shortNose))).toMatchObject({ live: true });
    // A sheet bent around a vertical axis: yaw turns gain relief from an off-centre nose, a pitch turn none.
    const bent = [0.1, 0.011, 0.09, 0.08].map((r) => turn({ relief: relief(r) }));
    expect(decideAttempt(facts(bent))).toMatchObject({ live: false, reason: "Relief" });
    // Turns that each just pass, but average less than a head's 15° turns.
    expect(decideAttempt(facts([0.026, 0.026, 0.028, 0.028].map((r) => turn({ relief: relief(r) }))))).toMatchObject({ live: false, reason: "Relief" });
  });
});
