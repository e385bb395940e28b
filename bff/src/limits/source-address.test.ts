import { describe, expect, it } from "vitest";
import { sourceAddress } from "./source-address.ts";

describe("source addresses of limits", () => {
  it("keeps IPv4 addresses and unwraps IPv4-mapped IPv6 ones", () => {
    expect(sourceAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(sourceAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts IPv6 addresses per /64, however they are written", () => {
    expect(sourceAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(sourceAddress("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(sourceAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(sourceAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(sourceAddress("::1")).toBe("0:0:0:0::/64");
  });

  it("names a missing address and bounds a strange one", () => {
    expect(sourceAddress(undefined)).toBe("unknown");
    expect(sourceAddress("x".repeat(500))).toHaveLength(64);
  });
});
