import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { addToRollups } from "./usage-rollups.ts";
import { percentileFromBuckets } from "./usage.service.ts";

interface Usage {
  bucket: string;
  total: number;
  successRate: number | null;
  series: { name: string; points: { at: string; count: number }[] }[];
  topErrors: { code: string; count: number }[];
  durationMs: { p50: number | null; p95: number | null };
}

describe("usage figures from the rollups", () => {
  let server: TestServer;
  const range = "from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z";

  beforeAll(async () => {
    server = await startTestServer();
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    const at = (iso: string) => new Date(iso);
    const base = { clientId: client.id, installationId: client.installationId };
    await server.db.prisma.$transaction((tx) =>
      addToRollups(tx, [
        ...Array.from({ length: 8 }, (_, i) => ({ ...base, at: at("2026-03-01T10:10:00Z"), operation: "verify", result: "success", instance: "bws-1", durationMs: 40 + i })),
        { ...base, at: at("2026-03-01T10:20:00Z"), operation: "verify", result: "failure", errorCode: "LiveDetectionFailed", instance: "bws-2", durationMs: 900 },
        { ...base, at: at("2026-03-01T11:05:00Z"), operation: "token", result: "error", errorCode: "InvalidBcid", instance: "bws-2", durationMs: 3 },
        { ...base, at: at("2026-03-02T09:00:00Z"), operation: "verify", result: "success", instance: "bws-1", durationMs: 40 },
      ]),
    );
  });
  afterAll(async () => server?.stop());

  it("reads percentiles from a duration histogram", () => {
    expect(percentileFromBuckets([0, 0, 8, 0, 0, 0, 1, 0, 0, 0], 50)).toBe(50);
    expect(percentileFromBuckets([0, 0, 8, 0, 0, 0, 1, 0, 0, 0], 95)).toBe(1000);
    expect(percentileFromBuckets([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 50)).toBeNull();
  });

  it("gives a client's calls per hour and operation, success rate, top errors and p50/p95 within the range", async () => {
    const usage = await server.call<Usage>("viewer", "GET", `/api/clients/demo-client/usage?${range}`);
    expect(usage.bucket).toBe("hour");
    expect(usage.total).toBe(10);
    expect(usage.successRate).toBeCloseTo(0.8);
    expect(usage.series).toEqual(
      expect.arrayContaining([
        { name: "verify", points: [{ at: "2026-03-01T10:00:00.000Z", count: 9 }] },
        { name: "token", points: [{ at: "2026-03-01T11:00:00.000Z", count: 1 }] },
      ]),
    );
    expect(usage.topErrors).toEqual(expect.arrayContaining([{ code: "LiveDetectionFailed", count: 1 }, { code: "InvalidBcid", count: 1 }]));
    expect(usage.durationMs).toEqual({ p50: 50, p95: 1000 });
  });

  it("switches to days for long ranges, and shows an installation's usage by instance", async () => {
    const days = await server.call<Usage>("owner", "GET", "/api/clients/demo-client/usage?from=2026-02-01T00:00:00Z&to=2026-04-01T00:00:00Z");
    expect(days.bucket).toBe("day");
    expect(days.total).toBe(11);
    const demo = await server.db.prisma.installation.findUniqueOrThrow({ where: { name: "demo" } });
    const instances = await server.call<Usage>("viewer", "GET", `/api/installations/${demo.id}/usage?${range}`);
    expect(instances.series.map((s) => [s.name, s.points.reduce((sum, p) => sum + p.count, 0)]).sort()).toEqual([["bws-1", 8], ["bws-2", 2]]);
  });

  it("gives platform administrators an overview per installation with the busiest clients", async () => {
    const overview = await server.call<Usage & { installations: { name: string; total: number; successRate: number | null; errors: number }[]; topClients: { name: string; installation: string; total: number }[] }>(
      "admin",
      "GET",
      `/api/usage/overview?${range}`,
    );
    expect(overview.total).toBe(10);
    expect(overview.series.map((s) => s.name)).toEqual(["demo"]);
    expect(overview.installations).toContainEqual({ id: expect.any(String), name: "demo", total: 10, successRate: 0.8, errors: 2 });
    expect(overview.installations.find((i) => i.name === "lab")).toMatchObject({ total: 0, successRate: null });
    expect(overview.topClients).toEqual([{ name: "demo-client", installation: "demo", total: 10 }]);
    expect((await server.send("owner", "GET", `/api/usage/overview?${range}`)).status).toBe(403);
  });

  it.each(["from=yesterday&to=2026-03-02T00:00:00Z", "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", ""])(
    "answers 400 with a Message for the range '%s'",
    async (query) => {
      const response = await server.send("owner", "GET", `/api/clients/demo-client/usage?${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { Message: string }).Message).toMatch(/\S/);
    },
  );
});
