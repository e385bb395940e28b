-- CreateTable
CREATE TABLE "liveness_frame_prints" (
    "id" BIGSERIAL NOT NULL,
    "attempt_id" UUID NOT NULL,
    "frame" INTEGER NOT NULL,
    "hash" BIGINT NOT NULL,
    "band_0" SMALLINT NOT NULL,
    "band_1" SMALLINT NOT NULL,
    "band_2" SMALLINT NOT NULL,
    "band_3" SMALLINT NOT NULL,
    "turn" REAL NOT NULL,
    "place_x" REAL NOT NULL,
    "place_y" REAL NOT NULL,
    "place_size" REAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "liveness_frame_prints_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "liveness_frame_prints_band_0_idx" ON "liveness_frame_prints"("band_0");

-- CreateIndex
CREATE INDEX "liveness_frame_prints_band_1_idx" ON "liveness_frame_prints"("band_1");

-- CreateIndex
CREATE INDEX "liveness_frame_prints_band_2_idx" ON "liveness_frame_prints"("band_2");

-- CreateIndex
CREATE INDEX "liveness_frame_prints_band_3_idx" ON "liveness_frame_prints"("band_3");

-- CreateIndex
CREATE INDEX "liveness_frame_prints_at_idx" ON "liveness_frame_prints"("at");
