-- CreateTable
CREATE TABLE "usage_outcome_rollups" (
    "granularity" TEXT NOT NULL,
    "bucket_start" TIMESTAMP(3) NOT NULL,
    "client_id" UUID NOT NULL,
    "installation_id" UUID NOT NULL,
    "result" TEXT NOT NULL,
    "error_code" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,
    "duration_sum_ms" BIGINT NOT NULL,
    "duration_buckets" INTEGER[],

    CONSTRAINT "usage_outcome_rollups_pkey" PRIMARY KEY ("granularity","bucket_start","client_id","result","error_code")
);

-- Backfill from the existing rollups (hand-written).
INSERT INTO "usage_outcome_rollups" ("granularity", "bucket_start", "client_id", "installation_id", "result", "error_code", "count", "duration_sum_ms", "duration_buckets")
SELECT "granularity", "bucket_start", "client_id", min("installation_id"::text)::uuid, "result", "error_code", sum("count")::int, sum("duration_sum_ms")::bigint,
       ARRAY[sum("duration_buckets"[1]), sum("duration_buckets"[2]), sum("duration_buckets"[3]), sum("duration_buckets"[4]), sum("duration_buckets"[5]),
             sum("duration_buckets"[6]), sum("duration_buckets"[7]), sum("duration_buckets"[8]), sum("duration_buckets"[9]), sum("duration_buckets"[10])]::int[]
FROM "usage_rollups"
GROUP BY "granularity", "bucket_start", "client_id", "result", "error_code";
