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

  it("finds no turn in a head held still within 1.5°", () => {
    const { poses } = series([], 1.5);
    expect(findTurns([...poses, ...poses, ...poses]).turns).toEqual([]);
  });

  it("reads a turn on the axis that passes its threshold by more, whatever the other axis does", () => {
    const { poses } = series([{ yaw: 20, pitch: -7 }]);
    expect(findTurns(poses).turns.map((t) => t.direction)).toEqual(["left"]);
  });
});
