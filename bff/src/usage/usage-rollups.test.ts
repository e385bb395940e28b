import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { aggregate, durationBucket } from "./usage-rollups.ts";

describe("usage rollups", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it("puts durations into the right histogram bucket", () => {
    expect([0, 10, 11, 20, 99, 100, 101, 5000, 5001].map(durationBucket)).toEqual([0, 0, 1, 1, 3, 3, 4, 8, 9]);
  });

  it("aggregates events per hour and per day", () => {
    const base = { clientId: "c", installationId: "i", operation: "token", result: "success" };
    const rows = aggregate([
      { ...base, at: new Date("2026-11-29T10:05:00Z"), durationMs: 5 },
      { ...base, at: new Date("2026-11-29T10:55:00Z"), durationMs: 150 },
      { ...base, at: new Date("2026-11-29T11:00:00Z") },
    ]);
    const hours = rows.filter((r) => r.granularity === "hour").map((r) => [r.bucketStart.toISOString(), r.count, r.durationSumMs]);
    expect(hours).toEqual([["2026-11-29T10:00:00.000Z", 2, 155], ["2026-11-29T11:00:00.000Z", 1, 0]]);
    const day = rows.filter((r) => r.granularity === "day");
    expect(day.map((r) => [r.bucketStart.toISOString(), r.count])).toEqual([["2026-11-29T00:00:00.000Z", 3]]);
    expect(day[0]!.buckets).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it("keeps rollups up to date as the BFF records events, adding to existing rows", async () => {
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "demo-client" } });
    const event = { clientId: client.id, installationId: client.installationId, operation: "token", result: "success" as const, durationMs: 30 };
    server.usage.record(event);
    server.usage.record({ ...event, durationMs: 700 });
    await server.usage.flush();
    server.usage.record({ ...event, result: "error", errorCode: "InvalidBcid", durationMs: 3 });
    server.usage.record(event);
    await server.usage.flush();
    const rows = await server.db.prisma.usageRollup.findMany({ where: { clientId: client.id, granularity: "day" }, orderBy: { result: "asc" } });
    expect(rows.map((r) => [r.result, r.errorCode, r.count, Number(r.durationSumMs)])).toEqual([
      ["error", "InvalidBcid", 1, 3],
      ["success", "", 3, 760],
    ]);
    expect(rows[1]!.durationBuckets).toEqual([0, 0, 2, 0, 0, 0, 1, 0, 0, 0]);
    const events = await server.db.prisma.usageEvent.count({ where: { clientId: client.id } });
    const counted = await server.db.prisma.usageRollup.aggregate({ where: { clientId: client.id, granularity: "hour" }, _sum: { count: true } });
    expect(counted._sum.count).toBe(events);
  });
});
