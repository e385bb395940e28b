-- CreateTable
CREATE TABLE "installation_signing_keys" (
    "id" UUID NOT NULL,
    "installation_id" UUID NOT NULL,
    "key_enc" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMP(3),

    CONSTRAINT "installation_signing_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "client_id" UUID NOT NULL,
    "installation_id" UUID NOT NULL,
    "operation" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "error_code" TEXT,
    "duration_ms" INTEGER,
    "instance" TEXT,
    "source" TEXT NOT NULL DEFAULT 'bff',
    "external_id" TEXT,

    CONSTRAINT "usage_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_auth_failures" (
    "app_id" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "blocked_until" TIMESTAMP(3),

    CONSTRAINT "app_auth_failures_pkey" PRIMARY KEY ("app_id")
);

-- CreateTable
CREATE TABLE "app_request_windows" (
    "app_id" TEXT NOT NULL,
    "window_start" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "app_request_windows_pkey" PRIMARY KEY ("app_id","window_start")
);

-- CreateTable
CREATE TABLE "token_tries" (
    "token_id" UUID NOT NULL,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "token_tries_pkey" PRIMARY KEY ("token_id")
);

-- CreateIndex
CREATE INDEX "installation_signing_keys_installation_id_created_at_idx" ON "installation_signing_keys"("installation_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "usage_events_external_id_key" ON "usage_events"("external_id");

-- CreateIndex
CREATE INDEX "usage_events_client_id_at_idx" ON "usage_events"("client_id", "at");

-- CreateIndex
CREATE INDEX "usage_events_installation_id_at_idx" ON "usage_events"("installation_id", "at");

-- AddForeignKey
ALTER TABLE "installation_signing_keys" ADD CONSTRAINT "installation_signing_keys_installation_id_fkey" FOREIGN KEY ("installation_id") REFERENCES "installations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
