import { describe, expect, it } from "vitest";
import { ChangeSequence } from "./change-sequence.ts";

describe("ChangeSequence", () => {
  it("keeps a read that no change of its key overtook, and refuses one that was", () => {
    const sequence = new ChangeSequence();
    const before = sequence.mark();
    sequence.changedKey("a");
    expect(sequence.unchangedSince("a", before)).toBe(false);
    expect(sequence.unchangedSince("b", before)).toBe(true);
    expect(sequence.unchangedSince("a", sequence.mark())).toBe(true);
  });

  it("refuses every read in flight after a change of everything", () => {
    const sequence = new ChangeSequence();
    const before = sequence.mark();
    sequence.changedAll();
    expect(sequence.unchangedSince("any", before)).toBe(false);
    expect(sequence.unchangedSince("any", sequence.mark())).toBe(true);
  });

  it("forgets keys beyond its bound and then refuses reads that started before", () => {
    const sequence = new ChangeSequence(3);
    const before = sequence.mark();
    for (const key of ["a", "b", "c"]) sequence.changedKey(key);
    sequence.changedKey("d");
    expect(sequence.unchangedSince("a", before)).toBe(false);
    expect(sequence.unchangedSince("unrelated", before)).toBe(false);
    expect(sequence.unchangedSince("a", sequence.mark())).toBe(true);
  });
});
