import { describe, expect, it } from "vitest";
import { findTurns, matchChallenges } from "./challenge-turns.js";
import type { HeadPose } from "./head-pose.js";

/** A pose series at 10 fps: `hold` frames facing the camera (with a wobble), then each turn out and back. */
function series(turns: HeadPose[], wobble = 1.2): { poses: HeadPose[]; times: number[] } {
  const poses: HeadPose[] = [];
  const still = (k: number) => poses.push({ yaw: (k % 2 ? wobble : -wobble) / 2, pitch: (k % 3 ? -wobble : wobble) / 2 });
  for (let k = 0; k < 4; k++) still(k);
  for (const turn of turns) {
    poses.push({ yaw: turn.yaw / 2, pitch: turn.pitch / 2 }, turn, turn, { yaw: turn.yaw / 2, pitch: turn.pitch / 2 });
    for (let k = 0; k < 3; k++) still(k);
  }
  return { poses, times: poses.map((_, i) => i * 100) };
}

describe("findTurns and matchChallenges", () => {
  it("recognises 15° turns that a short nose reads as 6.5° of yaw and 5.5° of pitch", () => {
    const { poses, times } = series([
      { yaw: 6.5, pitch: 0.5 },
      { yaw: 0.5, pitch: 5.5 },
      { yaw: -6.5, pitch: -0.5 },
      { yaw: 0, pitch: -5.5 },
    ]);
    const { turns } = findTurns(poses);
    expect(turns.map((t) => t.direction)).toEqual(["left", "up", "right", "down"]);
    expect(matchChallenges(["left", "up", "right", "down"], turns, times).every((m) => m.followed)).toBe(true);
  });

  it("recognises 15° turns that the flattest tuning faces read as 4.8° of yaw and 3.7° of pitch", () => {
    const { poses, times } = series([
      { yaw: 4.8, pitch: 0.6 },
      { yaw: 0.4, pitch: -3.7 },
      { yaw: -4.8, pitch: -0.4 },
      { yaw: -0.5, pitch: 3.7 },
    ], 0.2);
    const { turns } = findTurns(poses);
    expect(turns.map((t) => t.direction)).toEqual(["left", "down", "right", "up"]);
    expect(matchChallenges(["left", "down", "right", "up"], turns, times).every((m) => m.followed)).toBe(true);
  });

  it("finds no turn in a head held still within 1.5°", () => {
    const { poses } = series([], 1.5);
    expect(findTurns([...poses, ...poses, ...poses]).turns).toEqual([]);
  });

  it("passes over a weak turn the other way where a challenge is awaited, but not a full one", () => {
    const turn = (direction: "left" | "right" | "up" | "down", start: number, degrees: number) => ({ direction, start, peak: start + 1, end: start + 2, degrees });
    const times = Array.from({ length: 40 }, (_, i) => i * 100);
    // A turn right whose first frames read 5° down (pitch threshold 3.5°: 1.43 thresholds).
    const crossTalk = [turn("left", 5, 30), turn("down", 12, 5), turn("right", 14, 20), turn("up", 22, 12)];
    expect(matchChallenges(["left", "right", "up"], crossTalk, times).map((m) => m.followed)).toEqual([true, true, true]);
    expect(matchChallenges(["left", "right", "up"], crossTalk, times)[1].turn?.direction).toBe("right");
    // A full turn down (8°, 2.3 thresholds) where right was asked fails the challenge.
    const wrong = [turn("left", 5, 30), turn("down", 12, 8), turn("right", 14, 20), turn("up", 22, 12)];
    expect(matchChallenges(["left", "right", "up"], wrong, times).map((m) => m.followed)).toEqual([true, false, false]);
  });

  it("passes over a turn the other way of up to 2.5 thresholds that runs into or out of a turn about the other axis twice its size", () => {
    const turn = (direction: "left" | "right" | "up" | "down", start: number, end: number, degrees: number) => ({ direction, start, peak: start, end, degrees });
    const times = Array.from({ length: 40 }, (_, i) => i * 100);
    // Seed 7407 (mirrored face t-96): a 33.8° turn left read 5.7° of "up" on its way back, then the turn down.
    const wayBack = (upStart: number, up: number) => [turn("left", 4, 7, 33.8), turn("up", upStart, upStart, up), turn("down", upStart + 1, upStart + 4, 24)];
    expect(matchChallenges(["left", "down"], wayBack(8, 5.7), times).map((m) => m.followed)).toEqual([true, true]);
    // Seed 7427: the turn left began with 5.6° of "up".
    const wayIn = [turn("up", 4, 4, 5.6), turn("left", 5, 8, 33.6), turn("down", 12, 15, 23)];
    expect(matchChallenges(["left", "down"], wayIn, times).map((m) => m.followed)).toEqual([true, true]);
    // Seed 7537: 1.74 thresholds of "up" before a turn left of 4.58.
    const before = [turn("up", 4, 4, 6.1), turn("left", 5, 7, 20.6), turn("down", 9, 12, 23)];
    expect(matchChallenges(["left", "down"], before, times).map((m) => m.followed)).toEqual([true, true]);
    // Apart from the larger turn (a frame between), at 2.5 thresholds (8.75°), beside a turn under twice its size, or where it is the awaited way: a turn.
    expect(matchChallenges(["left", "down"], wayBack(9, 5.7), times)[1].followed).toBe(false);
    expect(matchChallenges(["left", "down"], wayBack(8, 8.75), times)[1].followed).toBe(false);
    expect(matchChallenges(["right", "down"], [turn("right", 4, 7, 12), turn("up", 8, 8, 5.7), turn("down", 9, 12, 24)], times)[1].followed).toBe(false);
    expect(matchChallenges(["up", "left"], before, times)[0].turn?.direction).toBe("up");
  });

  it("takes a turn the same way as the answer before it, where another way is awaited, for that answer again", () => {
    const turn = (direction: "left" | "right" | "up" | "down", start: number, degrees: number) => ({ direction, start, peak: start + 1, end: start + 2, degrees });
    const times = Array.from({ length: 40 }, (_, i) => i * 100);
    // A turn right whose way back went out again past the threshold, then the turn up that was asked.
    const wavered = [turn("right", 4, 8.5), turn("right", 8, 8.6), turn("up", 14, 12), turn("left", 20, 20)];
    const matched = matchChallenges(["right", "up", "left"], wavered, times);
    expect(matched.map((m) => m.followed)).toEqual([true, true, true]);
    expect(matched.map((m) => m.turn?.start)).toEqual([4, 14, 20]);
    // It answers nothing: where no turn up follows, the challenge up fails.
    expect(matchChallenges(["right", "up"], [turn("right", 4, 8.5), turn("right", 8, 8.6), turn("left", 14, 20)], times)[1].followed).toBe(false);
    // The first turn is never passed over, and a turn the way awaited always counts.
    expect(matchChallenges(["left", "right"], [turn("right", 4, 8.5), turn("left", 8, 20), turn("right", 14, 12)], times)[0].followed).toBe(false);
    expect(matchChallenges(["left", "right", "left"], [turn("left", 4, 20), turn("right", 8, 12), turn("left", 14, 20)], times).every((m) => m.followed)).toBe(true);
  });

  it("reads a turn on the axis that passes its threshold by more, whatever the other axis does", () => {
    const { poses } = series([{ yaw: 20, pitch: -7 }]);
    expect(findTurns(poses).turns.map((t) => t.direction)).toEqual(["left"]);
  });
});
