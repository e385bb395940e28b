import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoUsage } from "./demo/demo-usage.ts";
import { scriptsClientId } from "./idp/provider.ts";
import * as documented from "./openapi/response-schemas.ts";
import { startTestServer, type TestServer } from "./testing/test-server.ts";

/**
 * Seed 000's PowerShell flow with plain HTTP, as a technical account runs it: password
 * grant, refresh grant, client info, `/Face/classcount`, the class list with `maxclasses`
 * and the last hour of the bws-log with URL-encoded round-trip ("o") times. Every answer
 * is checked against the schema the OpenAPI document publishes, and against the database.
 */
describe("seed 000 script flow", () => {
  let server: TestServer;
  let clientId: string;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemoUsage(server.db.prisma, { days: 2, clients: [{ name: "demo-client", peakPerHour: 5, classes: 250 }] });
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    clientId = client.id;
    // Calls in the last hour, whatever the generated rhythm gave this hour.
    await server.db.prisma.usageEvent.createMany({
      data: [5, 20, 40].map((minutesAgo, i) => ({
        at: new Date(Date.now() - minutesAgo * 60_000),
        clientId,
        installationId: client.installationId,
        operation: i === 1 ? "enroll" : "verify",
        result: i === 2 ? "failure" : "success",
        errorCode: i === 2 ? "NotRecognized" : null,
        durationMs: 200 + i,
        instance: "bws-1",
        source: "bws",
        bcid: "bws.1.7",
      })),
    });
  });
  afterAll(async () => server?.stop());

  /** PowerShell's `[DateTime]::ToString("o")` with a +01:00 offset: seven fraction digits. */
  function roundTrip(at: Date): string {
    const local = new Date(at.getTime() + 3_600_000).toISOString().replace("Z", "");
    return `${local}0000+01:00`;
  }

  it("gets tokens, reads client info, class count, classes and the last hour of the bws-log", async () => {
    const secret = server.idp!.scriptsClientSecret;
    const tokenUrl = `${server.url}/oidc/token`;
    const password = await fetch(tokenUrl, {
      method: "POST",
      body: form({ grant_type: "password", username: "owner", password: "demo", client_id: scriptsClientId, client_secret: secret, scope: "managebws offline_access" }),
    });
    expect(password.status).toBe(200);
    const first = (await password.json()) as { access_token: string; refresh_token: string };
    expect(first.refresh_token).toMatch(/\S/);

    const refreshed = await fetch(tokenUrl, {
      method: "POST",
      body: form({ grant_type: "refresh_token", refresh_token: first.refresh_token, client_id: scriptsClientId, client_secret: secret, scope: "managebws offline_access" }),
    });
    expect(refreshed.status).toBe(200);
    const token = ((await refreshed.json()) as { access_token: string }).access_token;
    expect(token).not.toBe(first.access_token);
    const headers = { Authorization: `Bearer ${token}` };
    const get = async (path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers });
      expect(response.status, path).toBe(200);
      return response.json() as Promise<unknown>;
    };

    const info = documented.clientDetail.parse(await get("/api/clients/demo-client"));
    expect(info).toMatchObject({ name: "demo-client", partition: 1 });

    const count = documented.classCount.parse(await get("/api/clients/demo-client/Face/classcount"));
    const withFace = await server.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "biometric_classes" WHERE "client_id" = ${clientId}::uuid AND "traits" @> '[{"trait":"Face"}]'`;
    expect(count).toBe(Number(withFace[0]!.n));
    expect(count).toBe(250);

    const classes = documented.classList.parse(await get("/api/clients/demo-client/classes?maxclasses=10"));
    expect(classes.map((c) => c.classId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(classes[0]!.bcid).toBe("bws.1.1");
    expect(classes.every((c) => c.traits.some((t) => t.trait === "Face" && t.templates > 0))).toBe(true);

    const now = new Date();
    const to = encodeURIComponent(roundTrip(now));
    const from = encodeURIComponent(roundTrip(new Date(now.getTime() - 3_600_000)));
    const log = documented.bwsLogPage.parse(await get(`/api/clients/demo-client/bwslog?from=${from}&to=${to}`));
    const inDatabase = await server.db.prisma.usageEvent.count({ where: { clientId, at: { gte: new Date(now.getTime() - 3_600_000), lt: now } } });
    expect(log.total).toBe(inDatabase);
    expect(log.entries).toHaveLength(inDatabase);
    expect(log.entries.map((e) => e.at)).toEqual([...log.entries.map((e) => e.at)].sort().reverse());
    expect(log.entries.find((e) => e.errorCode === "NotRecognized")).toMatchObject({ client: "demo-client", operation: "verify", result: "failure", bcid: "bws.1.7", instance: "bws-1" });
    expect(log.from).toBe(new Date(now.getTime() - 3_600_000).toISOString());
    expect(log.to).toBe(now.toISOString());
  });

  it("answers 400 with a Message for a bws-log request without a valid range", async () => {
    const token = await server.tokenFor("owner");
    for (const query of ["", "?from=yesterday&to=today", `?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(new Date(Date.now() - 1000).toISOString())}`]) {
      const response = await server.api(`/api/clients/demo-client/bwslog${query}`, { token });
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { Message: string }).Message).toMatch(/from|to/);
    }
  });

  it("answers 400 for maxclasses out of range and 404 for an unknown client", async () => {
    const token = await server.tokenFor("owner");
    expect((await server.api("/api/clients/demo-client/classes?maxclasses=0", { token })).status).toBe(400);
    expect((await server.api("/api/clients/demo-client/classes?maxclasses=abc", { token })).status).toBe(400);
    expect((await server.api("/api/clients/demo-client/Fingerprint/classcount", { token })).status).toBe(400);
    expect((await server.api("/api/clients/nobody/Face/classcount", { token })).status).toBe(404);
  });
});
