-- CreateTable
CREATE TABLE "usage_rollups" (
    "granularity" TEXT NOT NULL,
    "bucket_start" TIMESTAMP(3) NOT NULL,
    "client_id" UUID NOT NULL,
    "installation_id" UUID NOT NULL,
    "instance" TEXT NOT NULL DEFAULT '',
    "operation" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "error_code" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,
    "duration_sum_ms" BIGINT NOT NULL,
    "duration_buckets" INTEGER[],

    CONSTRAINT "usage_rollups_pkey" PRIMARY KEY ("granularity","bucket_start","client_id","instance","operation","result","error_code")
);

-- CreateIndex
CREATE INDEX "usage_rollups_client_id_granularity_bucket_start_idx" ON "usage_rollups"("client_id", "granularity", "bucket_start");

-- CreateIndex
CREATE INDEX "usage_rollups_installation_id_granularity_bucket_start_idx" ON "usage_rollups"("installation_id", "granularity", "bucket_start");
