import { randomBytes } from "node:crypto";
import { decodeJwt, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../crypto/secret-box.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { SigningKeys } from "../token/signing-keys.ts";
import { BwsTokenVerifier } from "../token/token-verifier.ts";

describe("playground tokens and their verification", () => {
  const dataKey = randomBytes(32).toString("base64url");
  let server: TestServer;
  let keys: SigningKeys;
  let verifier: BwsTokenVerifier;

  beforeAll(async () => {
    server = await startTestServer({ DATA_KEY: dataKey });
    keys = new SigningKeys(server.db.prisma, new SecretBox(Buffer.from(dataKey, "base64url")));
    verifier = new BwsTokenVerifier(server.db.prisma, keys);
  });
  afterAll(async () => server?.stop());

  async function playgroundToken(username: string, client: string) {
    return server.api(`/api/clients/${client}/playground/token`, { method: "POST", token: await server.tokenFor(username) });
  }

  it("gives a reader a livenessdetection token with three tries of four challenges each, recorded as issued to that reader", async () => {
    const response = await playgroundToken("viewer", "demo-client");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; challenges: string[][]; maxTries: number };
    const claims = decodeJwt(body.token);
    expect(claims).toMatchObject({ clnt: "demo-client", app: "bws-portal-playground", task: 0x80 | 3 | 0x100 | 0x200, traits: 1 });
    expect(body.challenges).toEqual(JSON.parse(claims["challenge"] as string));
    expect(body.challenges).toHaveLength(3);
    expect(body.challenges.every((sequence) => sequence.length === 4)).toBe(true);
    const viewer = await server.db.prisma.user.findUniqueOrThrow({ where: { username: "viewer" } });
    expect(await server.db.prisma.tokenTry.findUnique({ where: { tokenId: claims["tokenid"] as string } })).toMatchObject({ tries: 0, userId: viewer.id });
    expect(body.maxTries).toBe(3);
  });

  it("refuses a client the user may not read", async () => {
    const response = await playgroundToken("viewer", "lab-client");
    expect(response.status).toBe(403);
  });

  it("accepts a token maxtries times and then refuses it", async () => {
    const { token } = (await (await playgroundToken("owner", "demo-client")).json()) as { token: string };
    for (let i = 1; i <= 3; i++) expect((await verifier.verify(`Bearer ${token}`)).tries).toBe(i);
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/all of its 3 tries/) });
  });

  it("refuses expired, foreign-signed and malformed tokens", async () => {
    const installation = await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } });
    const key = await keys.current(installation.id);
    const now = Math.floor(Date.now() / 1000);
    const base = { tokenid: crypto.randomUUID(), clnt: "demo-client", app: "x", traits: 1, task: 0x383, iss: "BWS", aud: "" };
    const expired = await new SignJWT({ ...base, nbf: now - 700, exp: now - 100 }).setProtectedHeader({ typ: "JWT", alg: "HS256" }).sign(key.secret);
    await expect(verifier.verify(`Bearer ${expired}`)).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/expired/) });
    const foreign = await new SignJWT({ ...base, nbf: now, exp: now + 600 }).setProtectedHeader({ typ: "JWT", alg: "HS256" }).sign(randomBytes(32));
    await expect(verifier.verify(`Bearer ${foreign}`)).rejects.toMatchObject({ status: 401, message: "The BWS token is not valid." });
    await expect(verifier.verify("Bearer nonsense")).rejects.toMatchObject({ status: 401 });
    await expect(verifier.verify(undefined)).rejects.toMatchObject({ status: 401 });
  });
});
