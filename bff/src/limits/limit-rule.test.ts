import { describe, expect, it } from "vitest";
import { perWindow, refusalOf, startsRefusal, type LimitRule } from "./limit-rule.ts";

describe("limit rules", () => {
  const rule: LimitRule = { name: "test", windowMs: 600_000, max: 10, delay: { from: 3, firstMs: 1000, maxMs: 5000 } };
  const at = (count: number, lastAt = 1000) => ({ count, windowStart: 0, expiresAt: 600_000, lastAt });

  it("lets a key through below the delay's start", () => {
    expect(refusalOf(rule, undefined, 1000)).toBeUndefined();
    expect(refusalOf(rule, at(2), 1000)).toBeUndefined();
  });

  it("delays from the delay's start, doubling up to the cap, counted from the latest event", () => {
    expect(refusalOf(rule, at(3), 1000)).toMatchObject({ retryAfterMs: 1000, blocked: false });
    expect(refusalOf(rule, at(4), 1000)).toMatchObject({ retryAfterMs: 2000, blocked: false });
    expect(refusalOf(rule, at(5), 1500)).toMatchObject({ retryAfterMs: 3500, blocked: false });
    expect(refusalOf(rule, at(9), 1000)).toMatchObject({ retryAfterMs: 5000, blocked: false });
    expect(refusalOf(rule, at(9), 6000)).toBeUndefined();
  });

  it("blocks at the maximum until the window ends", () => {
    expect(refusalOf(rule, at(10), 100_000)).toMatchObject({ retryAfterMs: 500_000, blocked: true });
    expect(refusalOf(rule, at(10), 600_000)).toBeUndefined();
  });

  it("never delays past the window's end", () => {
    expect(refusalOf(rule, { ...at(9, 599_000) }, 599_500)).toMatchObject({ retryAfterMs: 500 });
  });

  it("names the event that starts a delay or a block, once", () => {
    expect(startsRefusal(rule, 1, 2)).toBeUndefined();
    expect(startsRefusal(rule, 2, 3)).toBe("delayed");
    expect(startsRefusal(rule, 3, 4)).toBeUndefined();
    expect(startsRefusal(rule, 9, 10)).toBe("blocked");
    expect(startsRefusal(rule, 7, 12)).toBe("blocked");
    expect(startsRefusal(rule, 10, 11)).toBeUndefined();
  });

  it("turns a per-window limit of 0 off", () => {
    const off = perWindow("off", 0, 60_000);
    expect(refusalOf(off, at(1_000_000), 1000)).toBeUndefined();
    expect(refusalOf(perWindow("on", 5, 60_000), { count: 5, windowStart: 0, expiresAt: 60_000, lastAt: 0 }, 1000)).toMatchObject({ blocked: true, retryAfterMs: 59_000 });
  });
});
