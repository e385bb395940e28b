-- Installation dashboards and the platform overview read rollups without a client
-- dimension; the overview's busiest clients come from per-client totals. Both are filled
-- from the existing usage_rollups, which replace usage_outcome_rollups.

-- CreateTable
CREATE TABLE "usage_installation_rollups" (
    "granularity" TEXT NOT NULL,
    "bucket_start" TIMESTAMP(3) NOT NULL,
    "installation_id" UUID NOT NULL,
    "instance" TEXT NOT NULL DEFAULT '',
    "result" TEXT NOT NULL,
    "error_code" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,
    "duration_sum_ms" BIGINT NOT NULL,
    "duration_buckets" INTEGER[],

    CONSTRAINT "usage_installation_rollups_pkey" PRIMARY KEY ("granularity","bucket_start","installation_id","instance","result","error_code")
);

-- CreateTable
CREATE TABLE "usage_client_totals" (
    "granularity" TEXT NOT NULL,
    "bucket_start" TIMESTAMP(3) NOT NULL,
    "client_id" UUID NOT NULL,
    "installation_id" UUID NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "usage_client_totals_pkey" PRIMARY KEY ("granularity","bucket_start","client_id")
);

-- Backfill from the full rollups (histograms have 10 buckets).
INSERT INTO "usage_installation_rollups" ("granularity", "bucket_start", "installation_id", "instance", "result", "error_code", "count", "duration_sum_ms", "duration_buckets")
SELECT r."granularity", r."bucket_start", r."installation_id", r."instance", r."result", r."error_code",
       sum(r."count")::int, sum(r."duration_sum_ms")::bigint, ARRAY[sum(r."duration_buckets"[1]), sum(r."duration_buckets"[2]), sum(r."duration_buckets"[3]), sum(r."duration_buckets"[4]), sum(r."duration_buckets"[5]), sum(r."duration_buckets"[6]), sum(r."duration_buckets"[7]), sum(r."duration_buckets"[8]), sum(r."duration_buckets"[9]), sum(r."duration_buckets"[10])]::int[]
FROM "usage_rollups" r
GROUP BY r."granularity", r."bucket_start", r."installation_id", r."instance", r."result", r."error_code";

INSERT INTO "usage_client_totals" ("granularity", "bucket_start", "client_id", "installation_id", "count")
SELECT r."granularity", r."bucket_start", r."client_id", min(r."installation_id"::text)::uuid, sum(r."count")::int
FROM "usage_rollups" r
GROUP BY r."granularity", r."bucket_start", r."client_id";

-- DropTable
DROP TABLE "usage_outcome_rollups";
