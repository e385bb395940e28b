import { describe, expect, it } from "vitest";
import { isSideways } from "../../../common/face/head-pose.js";
import { challengeSequences } from "./token-claims.ts";

describe("challenge sequences", () => {
  it("never asks for one direction twice in a row, and always for a turn sideways and one up or down", () => {
    for (let count = 2; count <= 7; count++) {
      for (const sequence of challengeSequences(300, count)) {
        expect(sequence).toHaveLength(count);
        for (let i = 1; i < count; i++) expect(sequence[i]).not.toBe(sequence[i - 1]);
        expect(new Set(sequence.map(isSideways)), sequence.join(",")).toEqual(new Set([true, false]));
      }
    }
  });

  it("draws the last direction from the missing axis when the others lie on one", () => {
    expect(challengeSequences(1, 4, () => 0)).toEqual([["up", "down", "up", "left"]]);
    expect(challengeSequences(1, 2, () => 0)).toEqual([["up", "left"]]);
  });

  it("draws every one of the 104 sequences of four that mix both axes", () => {
    const seen = new Set(challengeSequences(5000, 4).map((s) => s.join(",")));
    expect(seen.size).toBe(104);
  });
});
