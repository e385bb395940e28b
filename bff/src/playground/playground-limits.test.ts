import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageOf, startTestServer, type TestServer } from "../testing/test-server.ts";

/**
 * Per-minute limits of playground tokens and liveness attempts, per user and per client.
 * Attempts with an empty frame list are refused by validation after they were counted,
 * which keeps face detection out of these tests.
 */
describe("playground limits", () => {
  let server: TestServer;
  let now = Date.now();

  beforeAll(async () => {
    server = await startTestServer(
      {
        PLAYGROUND_TOKENS_PER_USER_PER_MINUTE: "3",
        PLAYGROUND_TOKENS_PER_CLIENT_PER_MINUTE: "5",
        LIVENESS_ATTEMPTS_PER_USER_PER_MINUTE: "2",
        LIVENESS_ATTEMPTS_PER_CLIENT_PER_MINUTE: "4",
      },
      { clock: () => now },
    );
  });
  afterAll(async () => server?.stop());

  const playgroundToken = (username: string, client = "demo-client") => server.send(username, "POST", `/api/clients/${client}/playground/token`);
  const tokenOf = async (response: Response) => ((await response.json()) as { token: string }).token;
  const attempt = (token: string) =>
    fetch(`${server.url}/extension/livenessdetection`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ frames: [] }),
    });
  const expectRefused = async (response: Response, message: RegExp) => {
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await messageOf(response)).toMatch(message);
  };

  it("limits playground tokens per user, then per client, each for a minute", async () => {
    for (let i = 0; i < 3; i++) expect((await playgroundToken("viewer")).status).toBe(200);
    await expectRefused(await playgroundToken("viewer"), /You may get at most 3 playground tokens per minute\. Try again in \d+ seconds?\./);
    expect((await playgroundToken("viewer", "second-client")).status, "the user's limit covers every client").toBe(429);

    expect((await playgroundToken("editor")).status).toBe(200);
    expect((await playgroundToken("editor")).status).toBe(200);
    await expectRefused(await playgroundToken("editor"), /The client 'demo-client' is limited to 5 playground tokens per minute/);
    expect((await playgroundToken("support", "second-client")).status, "another client has its own allowance").toBe(200);
    expect((await playgroundToken("viewer", "lab-client")).status, "a refused user is refused before access is checked").toBe(429);

    now += 60_000;
    expect((await playgroundToken("viewer")).status).toBe(200);
    expect((await playgroundToken("editor")).status).toBe(200);
  });

  it("records the user a playground token was issued to", async () => {
    now += 60_000;
    const token = await tokenOf(await playgroundToken("support"));
    const tokenId = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).tokenid as string;
    const support = await server.db.prisma.user.findUniqueOrThrow({ where: { username: "support" } });
    expect(await server.db.prisma.tokenTry.findUniqueOrThrow({ where: { tokenId } })).toMatchObject({ tries: 0, userId: support.id });
  });

  it("limits liveness attempts per user the token was issued to, then per client", async () => {
    now += 60_000;
    const ownerToken = await tokenOf(await playgroundToken("owner"));
    expect((await attempt(ownerToken)).status).toBe(400);
    expect((await attempt(ownerToken)).status).toBe(400);
    await expectRefused(await attempt(ownerToken), /You may make at most 2 liveness attempts per minute/);

    const adminToken = await tokenOf(await playgroundToken("admin"));
    expect((await attempt(adminToken)).status).toBe(400);
    expect((await attempt(adminToken)).status).toBe(400);
    const otherToken = await tokenOf(await playgroundToken("editor"));
    await expectRefused(await attempt(otherToken), /The client 'demo-client' is limited to 4 liveness attempts per minute/);

    now += 60_000;
    expect((await attempt(otherToken)).status).toBe(400);
  });
});
