import type { PrismaClient } from "../generated/prisma/client.ts";
import { rollUpStoredEvents } from "../usage/rollups-from-events.ts";

/**
 * 90 days of usage and a few hundred enrolled classes for the demo clients, generated in
 * the database so a first start stays fast.
 * - Rhythm: busy office hours (peak ~13:00 UTC), quiet nights, weekends at a third.
 * - Mix: token, verify, enroll, livenessdetection, identify; ~7 % biometric failures
 *   (NoFaceFound, LiveDetectionFailed, NotRecognized, ChallengeResponseFailed) and ~0.5 %
 *   errors (InternalError); durations per operation with a long tail.
 * - Tokens come from the BFF (source bff); the rest from two BWS instances (source bws).
 * - Deterministic (seeded random), and only for clients without any usage yet.
 */
export interface DemoUsageClient {
  name: string;
  /** Calls in a busy weekday hour. */
  peakPerHour: number;
  classes: number;
}

export const demoUsageClients: readonly DemoUsageClient[] = [
  { name: "demo-client", peakPerHour: 60, classes: 300 },
  { name: "second-client", peakPerHour: 20, classes: 80 },
  { name: "lab-client", peakPerHour: 10, classes: 40 },
];

export async function seedDemoUsage(
  prisma: PrismaClient,
  { days = 90, clients = demoUsageClients, now = new Date() }: { days?: number; clients?: readonly DemoUsageClient[]; now?: Date } = {},
): Promise<void> {
  for (const [index, demo] of clients.entries()) {
    const client = await prisma.client.findUnique({ where: { name: demo.name }, select: { id: true, installationId: true, partition: true, storage: { select: { name: true } } } });
    if (!client || (await prisma.usageEvent.count({ where: { clientId: client.id } })) > 0) continue;
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT setseed($1::float8)`, 0.1 + index / 10);
      await tx.$executeRawUnsafe(generateEvents, client.id, client.installationId, `${client.storage.name}.${client.partition}.`, demo.peakPerHour, now.toISOString(), days, demo.classes);
      await rollUpStoredEvents(tx, `e.client_id = $1::uuid`, client.id);
      await tx.$executeRawUnsafe(generateClasses, client.id, client.installationId, client.storage.name, client.partition, demo.classes, now.toISOString());
    }, { timeout: 120_000 });
  }
}

const generateEvents = `
WITH hours AS (
  SELECT h FROM generate_series(date_trunc('hour', $5::timestamptz AT TIME ZONE 'UTC') - make_interval(days => $6::int), date_trunc('hour', $5::timestamptz AT TIME ZONE 'UTC') - interval '1 hour', interval '1 hour') h
), counts AS (
  SELECT h, round($4::int * (CASE WHEN extract(isodow FROM h) >= 6 THEN 0.33 ELSE 1 END)
                 * (0.08 + 0.92 * exp(-power(extract(hour FROM h) - 13, 2) / 14.0))
                 * (0.7 + 0.6 * random()))::int AS n
  FROM hours
), raw AS (
  SELECT c.h + random() * interval '1 hour' AS at, random() AS r_op, random() AS r_res, random() AS r_dur, random() AS r_inst, floor(random() * $7::int)::int + 1 AS class_no
  FROM counts c CROSS JOIN LATERAL generate_series(1, c.n)
), typed AS (
  SELECT *, CASE WHEN r_op < 0.35 THEN 'token' WHEN r_op < 0.68 THEN 'verify' WHEN r_op < 0.78 THEN 'enroll' WHEN r_op < 0.95 THEN 'livenessdetection' ELSE 'identify' END AS operation
  FROM raw
)
INSERT INTO "usage_events" ("at", "client_id", "installation_id", "operation", "result", "error_code", "duration_ms", "instance", "source", "bcid", "details")
SELECT at, $1::uuid, $2::uuid, operation,
  CASE WHEN operation = 'token' OR r_res < 0.93 THEN 'success' WHEN r_res < 0.995 THEN 'failure' ELSE 'error' END,
  CASE WHEN operation = 'token' OR r_res < 0.93 THEN NULL
       WHEN r_res < 0.995 THEN (CASE WHEN operation = 'livenessdetection' THEN (ARRAY['LiveDetectionFailed', 'ChallengeResponseFailed', 'NoFaceFound'])[1 + floor(r_res * 1000)::int % 3]
                                     WHEN operation = 'enroll' THEN 'NoFaceFound'
                                     ELSE (ARRAY['NotRecognized', 'NoFaceFound', 'LiveDetectionFailed'])[1 + floor(r_res * 1000)::int % 3] END)
       ELSE 'InternalError' END,
  round(CASE operation WHEN 'token' THEN 4 WHEN 'verify' THEN 180 WHEN 'enroll' THEN 320 WHEN 'livenessdetection' THEN 260 ELSE 450 END
        * (0.6 + 1.2 * r_dur + CASE WHEN r_dur > 0.97 THEN 8 * (r_dur - 0.97) * 100 ELSE 0 END))::int,
  CASE WHEN operation = 'token' THEN 'portal-1' WHEN r_inst < 0.55 THEN 'bws-1' ELSE 'bws-2' END,
  CASE WHEN operation = 'token' THEN 'bff' ELSE 'bws' END,
  CASE WHEN operation IN ('verify', 'enroll', 'identify') THEN $3 || class_no ELSE NULL END,
  CASE WHEN operation = 'token' THEN NULL ELSE jsonb_build_object('jobId', gen_random_uuid()::text, 'userAgent', 'demo-app/2.1') END
FROM typed`;

const generateClasses = `
INSERT INTO "biometric_classes" ("id", "installation_id", "client_id", "storage", "partition", "class_id", "traits", "enrolled_at", "updated_at")
SELECT gen_random_uuid(), $2::uuid, $1::uuid, $3, $4::int, n,
  CASE WHEN random() < 0.7
       THEN jsonb_build_array(jsonb_build_object('trait', 'Face', 'templates', 1 + floor(random() * 4)::int), jsonb_build_object('trait', 'Periocular', 'templates', 1 + floor(random() * 4)::int))
       ELSE jsonb_build_array(jsonb_build_object('trait', 'Face', 'templates', 1 + floor(random() * 4)::int)) END,
  enrolled, enrolled + random() * ($6::timestamptz AT TIME ZONE 'UTC' - enrolled)
FROM (SELECT n, $6::timestamptz AT TIME ZONE 'UTC' - random() * interval '365 days' AS enrolled FROM generate_series(1, $5::int) n) s
ON CONFLICT DO NOTHING`;
