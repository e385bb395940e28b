import { createSecretKey, randomBytes } from "node:crypto";
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { signHs256Jwt } from "./hs256-jwt.ts";

describe("signHs256Jwt", () => {
  const claims = { tokenid: "6b0233ab-9cbb-4311-a724-4c305e3ee69a", clnt: "demo-client", app: "1.2.app.bws", traits: 3, task: 0x103, iss: "BWS", aud: "https://bws.example", nbf: 1_800_000_000, exp: 1_800_000_600 };

  it("writes the same token as jose for the same header, claims and key", async () => {
    const secret = randomBytes(32);
    const ours = signHs256Jwt(claims, secret);
    const theirs = await new SignJWT({ ...claims }).setProtectedHeader({ typ: "JWT", alg: "HS256" }).sign(secret);
    expect(ours).toBe(theirs);
  });

  it("signs the same with the key as bytes and as a KeyObject", () => {
    const secret = randomBytes(32);
    expect(signHs256Jwt(claims, createSecretKey(secret))).toBe(signHs256Jwt(claims, secret));
  });

  it("verifies with the key it was signed with and not with another", async () => {
    const secret = randomBytes(32);
    const token = signHs256Jwt(claims, secret);
    expect(decodeProtectedHeader(token)).toEqual({ typ: "JWT", alg: "HS256" });
    expect((await jwtVerify(token, secret, { currentDate: new Date(1_800_000_100_000) })).payload).toEqual(claims);
    await expect(jwtVerify(token, randomBytes(32), { currentDate: new Date(1_800_000_100_000) })).rejects.toThrow();
  });
});
