-- CreateTable
CREATE TABLE "samples" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "client_id" UUID NOT NULL,
    "installation_id" UUID NOT NULL,
    "operation" TEXT NOT NULL,
    "token_id" UUID,
    "frame_index" INTEGER NOT NULL,
    "content_type" TEXT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "samples_client_id_at_idx" ON "samples"("client_id", "at");
