import { describe, expect, it } from "vitest";
import {
  axisNoseDepths,
  axisThreeWayReliefs,
  axisWarpReliefs,
  decideAttempt,
  MAX_IDENTITY_DISTANCE,
  MIN_AXIS_RELIEF,
  MIN_AXIS_THREE_WAY_RELIEF,
  MIN_AXIS_WARP_RELIEF,
  MIN_NOSE_DEPTH,
  MAX_TURNS_OFF_WARP,
  NARROWING_FLOOR,
  NARROWING_MARGIN_DEGREES,
  WEAK_TURN_RELIEF,
  axisReliefs,
  type AttemptFacts,
  type TurnEvidence,
} from "./liveness-verdict.js";
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

/** Turns as measured: direction, degrees, relief, warp relief, wings. */
const measuredTurns = (list: readonly (readonly [TurnEvidence["direction"], number, number, number, number])[]) =>
  list.map(([direction, degrees, r, warpRelief, wings]) => turn({ direction, observed: direction, degrees, relief: relief(r, { warpRelief, wings }) }));

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
    expect(decideAttempt(facts([turn({ degrees: 5, relief: relief(0.08, { narrowing: NARROWING_FLOOR - 0.01 }) })]))).toMatchObject({ reason: "Narrowing" });
    const beyondMargin = Math.cos(((30 + NARROWING_MARGIN_DEGREES + 1) * Math.PI) / 180);
    expect(decideAttempt(facts([turn({ degrees: 30, relief: relief(0.08, { narrowing: beyondMargin }) })]))).toMatchObject({ reason: "Narrowing" });
    expect(decideAttempt(facts([turn({ relief: relief(0.08, { narrowing: 1.4 }) })]))).toMatchObject({ reason: "Narrowing" });
  });

  it("passes a turn that narrows as a head resting turned to one side does when it turns further", () => {
    // Tuning faces resting 8-20° to a side (7 December): a turn read as 17° narrowed to 0.58, one read as 32° to 0.53.
    expect(decideAttempt(facts([turn({ degrees: 17, relief: relief(0.08, { narrowing: 0.58 }) })]))).toMatchObject({ live: true });
    expect(decideAttempt(facts([turn({ degrees: 32, relief: relief(0.08, { narrowing: 0.53 }) })]))).toMatchObject({ live: true });
  });

  it("averages relief over the turns about each axis", () => {
    const turns = [turn({ relief: relief(0.1) }), turn({ direction: "right", relief: relief(0.02) }), turn({ direction: "down", relief: relief(0.04) })];
    expect(axisReliefs(turns)).toEqual([expect.closeTo(0.06), expect.closeTo(0.04)]);
    expect(axisReliefs([turn({ direction: "up" })])).toEqual([0.08]);
    expect(axisReliefs([turn({ relief: undefined })])).toEqual([Number.NEGATIVE_INFINITY]);
  });

  it("refuses turns about one axis whose relief is low on average, however much the other axis shows", () => {
    const sideways = (r: number) => turn({ relief: relief(r) });
    const nod = (r: number) => turn({ direction: "up", observed: "up", relief: relief(r) });
    expect(decideAttempt(facts([sideways(0.12), nod(MIN_AXIS_RELIEF - 0.001)]))).toMatchObject({ live: false, reason: "Relief", reliefRule: "AxisMean" });
    expect(decideAttempt(facts([sideways(MIN_AXIS_RELIEF - 0.001), sideways(MIN_AXIS_RELIEF - 0.001), nod(0.2)]))).toMatchObject({ reason: "Relief", reliefRule: "AxisMean" });
    // A sheet bent around a vertical axis: yaw turns gain relief from an off-centre nose, the nods none.
    expect(decideAttempt(facts([sideways(0.1), nod(0.011), sideways(0.09), nod(0.03)]))).toMatchObject({ live: false, reason: "Relief", reliefRule: "AxisMean" });
  });

  it("refuses two weak turns even where a strong turn lifts their axis", () => {
    // The bench's accepted bent print of 18:41: a nod at 0.031, turns sideways at 0.014, 0.022 and 0.056.
    const bent = [["down", 0.031], ["right", 0.014], ["left", 0.022], ["right", 0.056]] as const;
    const turns = bent.map(([direction, r]) => turn({ direction, observed: direction, relief: relief(r) }));
    expect(axisReliefs(turns).every((r) => r >= MIN_AXIS_RELIEF)).toBe(true);
    expect(decideAttempt(facts(turns))).toMatchObject({ live: false, reason: "Relief", reliefRule: "WeakTurns" });
    const oneWeak = turns.map((t, k) => (k === 2 ? turn({ direction: "left", relief: relief(WEAK_TURN_RELIEF) }) : t));
    expect(decideAttempt(facts(oneWeak))).toMatchObject({ live: true });
  });

  it("takes each axis' nose depth as its relief over the sines of its angles, and refuses a shallow one", () => {
    const measured = (list: readonly (readonly [TurnEvidence["direction"], number, number])[]) =>
      list.map(([direction, degrees, r]) => turn({ direction, observed: direction, degrees, relief: relief(r) }));
    expect(axisNoseDepths(measured([["left", 30, 0.1], ["right", 90, 0.05], ["up", 30, 0.04]]))).toEqual([expect.closeTo(0.1), expect.closeTo(0.08)]);
    // Tuning seed 9811: a print bent on a 60 mm cylinder whose turns passed the relief means and had one weak turn.
    const bent = measured([["left", 35, 0.038], ["down", 20, 0.028], ["right", 26, 0.009], ["left", 40, 0.041]]);
    expect(axisReliefs(bent).every((r) => r >= MIN_AXIS_RELIEF)).toBe(true);
    expect(axisNoseDepths(bent)[0]).toBeLessThan(MIN_NOSE_DEPTH);
    expect(decideAttempt(facts(bent))).toMatchObject({ live: false, reason: "Relief", reliefRule: "NoseDepth" });
    // Tuning seed 6084: a mirrored short nose turning 15°, read as 11-20°, the lowest genuine depth (0.082).
    const shortNose = measured([["left", 20, 0.026], ["down", 12, 0.069], ["left", 19, 0.028], ["up", 11, 0.073]]);
    expect(decideAttempt(facts(shortNose))).toMatchObject({ live: true });
  });

  it("accepts 15° turns of a short nose whose one turn reads little (0.012), carried by its axis", () => {
    const shortNose = [0.06, 0.012, 0.041, 0.047].map((r, k) => turn({ direction: k % 2 ? "up" : "left", observed: k % 2 ? "up" : "left", degrees: 15, relief: relief(r) }));
    expect(decideAttempt(facts(shortNose))).toMatchObject({ live: true });
  });

  it("refuses a nose that stands out of the centre line only, not against the whole face's warp or the nostril wings", () => {
    // Tuning seed 10853: a print bent on a 140 mm cylinder, its nose off the sheet's crest; every other relief rule passes it.
    const bent = measuredTurns([["left", 25, 0.035, 0.005, 0.013], ["right", 29, 0.239, 0.089, 0.202], ["left", 26, 0.036, -0.001, 0.017], ["up", 31, 0.047, 0.008, 0.01]]);
    expect(axisReliefs(bent).every((r) => r >= MIN_AXIS_RELIEF)).toBe(true);
    expect(axisNoseDepths(bent).every((d) => d >= MIN_NOSE_DEPTH)).toBe(true);
    expect(axisThreeWayReliefs(bent)).toEqual([expect.closeTo(0.2117, 3), expect.closeTo(0.065, 3)]);
    expect(decideAttempt(facts(bent))).toMatchObject({ live: false, reason: "Relief", reliefRule: "ThreeWay" });
    // Tuning seed 18832: a head at 320×240, the lowest three-way relief of the genuine attempts that pass every other rule (its nod, 0.0675).
    const head = measuredTurns([["left", 33, 0.1056, 0.06, 0.0335], ["right", 19, 0.0407, 0.0016, 0.0259], ["up", 14, 0.0451, 0.0317, -0.0093], ["left", 29, 0.0811, 0.0226, 0.035]]);
    expect(Math.min(...axisThreeWayReliefs(head))).toBeGreaterThan(MIN_AXIS_THREE_WAY_RELIEF);
    expect(decideAttempt(facts(head))).toMatchObject({ live: true });
  });

  it("refuses a nose that stands out of the centre line and the wings but not out of the whole face's warp, about either axis", () => {
    // Tuning seed 22119 (c-cage-232): a print bent on a 90 mm cylinder that passes every other rule; its nod reads 0.0022 against the warp.
    const bent = measuredTurns([["left", 26.1, 0.0812, 0.026, 0.0444], ["down", 16.7, 0.0852, 0.0022, 0.0279], ["right", 26.3, 0.0546, 0.0089, 0.0425], ["left", 27.8, 0.0264, -0.001, 0.0127]]);
    expect(Math.min(...axisThreeWayReliefs(bent))).toBeGreaterThan(MIN_AXIS_THREE_WAY_RELIEF);
    expect(axisWarpReliefs(bent)).toEqual([expect.closeTo(0.0113, 4), expect.closeTo(0.0022, 4)]);
    expect(decideAttempt(facts(bent))).toMatchObject({ live: false, reason: "Relief", reliefRule: "Warp" });
    // The same turns with the nod a head's (0.009 against the warp, the lowest of the tuning set's new faces) pass.
    const head = bent.map((t) => (t.direction === "down" ? { ...t, relief: { ...t.relief!, warpRelief: 0.009 } } : t));
    expect(Math.min(...axisWarpReliefs(head))).toBeGreaterThanOrEqual(MIN_AXIS_WARP_RELIEF);
    expect(decideAttempt(facts(head))).toMatchObject({ live: true });
  });

  it("refuses a second turn whose nose stays on the whole face's warp, where the means let another turn carry it", () => {
    // The bench's accepted tilted photo of 7 December, 21:25: a turn down at 3.9° read 0.094 and lifted the turn up.
    const tilted = measuredTurns([["up", 5.7, 0.001, -0.006, -0.007], ["left", 31.1, 0.047, 0.026, 0.029], ["down", 3.9, 0.094, 0.018, 0.115], ["left", 23.9, 0.027, 0.002, 0.02]]);
    expect(axisReliefs(tilted).every((r) => r >= MIN_AXIS_RELIEF)).toBe(true);
    expect(axisNoseDepths(tilted).every((d) => d >= MIN_NOSE_DEPTH)).toBe(true);
    expect(axisThreeWayReliefs(tilted).every((r) => r >= MIN_AXIS_THREE_WAY_RELIEF)).toBe(true);
    expect(axisWarpReliefs(tilted).every((r) => r >= MIN_AXIS_WARP_RELIEF)).toBe(true);
    expect(tilted.filter((t) => t.relief!.warpRelief < MIN_AXIS_WARP_RELIEF)).toHaveLength(MAX_TURNS_OFF_WARP + 1);
    expect(decideAttempt(facts(tilted))).toMatchObject({ live: false, reason: "Relief", reliefRule: "WarpTurns" });
    // One such turn is carried, as one weak turn is: tuning seed 18832's turn right read 0.0016 against the warp.
    const oneOff = tilted.map((t, k) => (k === 3 ? { ...t, relief: { ...t.relief!, warpRelief: MIN_AXIS_WARP_RELIEF } } : t));
    expect(decideAttempt(facts(oneOff))).toMatchObject({ live: true });
  });
});
