import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoUsage } from "../demo/demo-usage.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";
import { aggregate, clientTotalsOf, durationBucket, installationRowsOf } from "./usage-rollups.ts";

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
    // demo-client is the only client of its installation with events here: the installation
    // rollups hold the same figures, and the client's totals its call count.
    const perInstallation = await server.db.prisma.usageInstallationRollup.findMany({ where: { installationId: client.installationId, granularity: "day" }, orderBy: { result: "asc" } });
    expect(perInstallation.map((r) => [r.result, r.errorCode, r.count, Number(r.durationSumMs), r.durationBuckets])).toEqual(
      rows.map((r) => [r.result, r.errorCode, r.count, Number(r.durationSumMs), r.durationBuckets]),
    );
    const totals = await server.db.prisma.usageClientTotal.aggregate({ where: { clientId: client.id, granularity: "hour" }, _sum: { count: true } });
    expect(totals._sum.count).toBe(events);
  });

  it("rolls up stored events in SQL (demo data, benchmarks) exactly as the recorder does", async () => {
    await seedDemoUsage(server.db.prisma, { days: 2, clients: [{ name: "second-client", peakPerHour: 30, classes: 5 }] });
    const client = await server.db.prisma.client.findUniqueOrThrow({ where: { name: "second-client" } });
    const events = await server.db.prisma.usageEvent.findMany({ where: { clientId: client.id } });
    expect(events.length).toBeGreaterThan(50);
    const expected = aggregate(events);
    // The installation's rows also hold what earlier tests recorded for demo-client.
    const installationEvents = await server.db.prisma.usageEvent.findMany({ where: { installationId: client.installationId } });
    const key = (r: { granularity: string; bucketStart: Date; instance: string; operation: string; result: string; errorCode: string }) =>
      [r.granularity, r.bucketStart.toISOString(), r.instance, r.operation, r.result, r.errorCode].join("|");
    const figures = (r: { count: number; durationSumMs: number | bigint }, buckets: number[]) => [r.count, Number(r.durationSumMs), buckets.join(",")];
    const stored = await server.db.prisma.usageRollup.findMany({ where: { clientId: client.id } });
    expect(new Map(stored.map((r) => [key(r), figures(r, r.durationBuckets)]))).toEqual(new Map(expected.map((r) => [key(r), figures(r, r.buckets)])));
    const storedInstallation = await server.db.prisma.usageInstallationRollup.findMany({ where: { installationId: client.installationId } });
    expect(new Map(storedInstallation.map((r) => [key({ ...r, operation: "" }), figures(r, r.durationBuckets)]))).toEqual(
      new Map(installationRowsOf(aggregate(installationEvents)).map((r) => [key(r), figures(r, r.buckets)])),
    );
    const storedTotals = await server.db.prisma.usageClientTotal.findMany({ where: { clientId: client.id } });
    expect(new Map(storedTotals.map((r) => [`${r.granularity}|${r.bucketStart.toISOString()}`, r.count]))).toEqual(
      new Map(clientTotalsOf(expected).map((r) => [`${r.granularity}|${r.bucketStart.toISOString()}`, r.count])),
    );
  });

  it("merges clients and operations into one installation row per instance, result and error code, and counts per client", () => {
    const base = { installationId: "i", result: "success", at: new Date("2026-11-29T10:05:00Z") };
    const rows = aggregate([
      { ...base, clientId: "c1", operation: "token", instance: "a", durationMs: 5 },
      { ...base, clientId: "c2", operation: "verify", instance: "a", durationMs: 150 },
      { ...base, clientId: "c2", operation: "verify", instance: "b", result: "failure", errorCode: "NoFaceFound", durationMs: 300 },
    ]);
    const hourly = <T extends { granularity: string }>(list: T[]) => list.filter((r) => r.granularity === "hour");
    expect(hourly(installationRowsOf(rows)).map((r) => [r.instance, r.result, r.errorCode, r.count, r.durationSumMs, r.buckets])).toEqual([
      ["a", "success", "", 2, 155, [1, 0, 0, 0, 1, 0, 0, 0, 0, 0]],
      ["b", "failure", "NoFaceFound", 1, 300, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0]],
    ]);
    expect(hourly(clientTotalsOf(rows)).map((r) => [r.clientId, r.count])).toEqual([
      ["c1", 1],
      ["c2", 2],
    ]);
    expect(hourly(rows)).toHaveLength(3);
  });
});
