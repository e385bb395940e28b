import { describe, expect, it } from "vitest";
import { findUnsafeText, isUnsafeText } from "./unsafe-text.ts";

describe("isUnsafeText", () => {
  it("finds NUL and unpaired surrogates, and passes surrogate pairs and other control characters", () => {
    for (const text of ["\0", "a\0b", "\uD800", "a\uDC00", "\uDC00\uD800", "😀\uD83D"]) expect(isUnsafeText(text), JSON.stringify(text)).toBe(true);
    for (const text of ["", "plain", "😀", "Grüße 鍵", "tab\tand\nnewline\u0001", "\uFFFD"]) expect(isUnsafeText(text), JSON.stringify(text)).toBe(false);
  });
});

describe("findUnsafeText", () => {
  it("names the dotted path of the offending value or field name", () => {
    expect(findUnsafeText({ a: [1, { b: "x\0" }] })).toBe("a.1.b");
    expect(findUnsafeText("\uDFFF")).toBe("");
    expect(findUnsafeText({ ["k\0"]: 1 })).toBe("(a field name)");
    expect(findUnsafeText({ a: ["ok", 2, null, true, { b: "😀" }] })).toBeUndefined();
  });

  it("walks a body nested 100,000 levels deep without overflowing the stack", () => {
    let deep: unknown = "\0";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)).toMatch(/^0(\.0)+$/);
  });
});
