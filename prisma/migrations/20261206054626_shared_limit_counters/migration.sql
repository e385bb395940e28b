-- AlterTable
ALTER TABLE "token_tries" ADD COLUMN     "user_id" UUID;

-- DropTable
DROP TABLE "app_auth_failures";

-- DropTable
DROP TABLE "app_request_windows";

-- CreateTable
CREATE TABLE "limit_counters" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "last_at" TIMESTAMP(3) NOT NULL,
    "reset_at" TIMESTAMP(3),

    CONSTRAINT "limit_counters_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "limit_counters_expires_at_idx" ON "limit_counters"("expires_at");
