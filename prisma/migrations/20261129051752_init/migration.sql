-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OWNER', 'EDIT', 'SUPPORT', 'VIEW');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "email" TEXT,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT,
    "is_platform_admin" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "installations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "endpoint_urls" TEXT[],
    "connection_string_enc" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "installations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "storages" (
    "id" UUID NOT NULL,
    "installation_id" UUID NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "storages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clients" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "installation_id" UUID NOT NULL,
    "storage_id" UUID NOT NULL,
    "partition" INTEGER NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "identification" BOOLEAN NOT NULL DEFAULT false,
    "log_images" BOOLEAN NOT NULL DEFAULT false,
    "log_level" TEXT NOT NULL DEFAULT 'info',
    "log_retention_days" INTEGER NOT NULL DEFAULT 30,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "permissions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "installation_id" UUID,
    "client_id" UUID,
    "role" "Role" NOT NULL,
    "expires_at" TIMESTAMP(3),
    "granted_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "permissions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certificates" (
    "id" UUID NOT NULL,
    "installation_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "not_before" TIMESTAMP(3) NOT NULL,
    "not_after" TIMESTAMP(3) NOT NULL,
    "thumbprint" TEXT NOT NULL,
    "certificate_pem" TEXT NOT NULL,
    "private_key_enc" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "certificates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_certificates" (
    "client_id" UUID NOT NULL,
    "certificate_id" UUID NOT NULL,
    "attached_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "client_certificates_pkey" PRIMARY KEY ("client_id","certificate_id")
);

-- CreateTable
CREATE TABLE "web_api_keys" (
    "id" UUID NOT NULL,
    "app_id" TEXT NOT NULL,
    "client_id" UUID NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "secret_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3),
    "last_used_at" TIMESTAMP(3),

    CONSTRAINT "web_api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "object_type" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "installation_id" UUID,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oidc_models" (
    "type" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "grant_id" TEXT,
    "user_code" TEXT,
    "uid" TEXT,
    "expires_at" TIMESTAMP(3),
    "consumed_at" TIMESTAMP(3),

    CONSTRAINT "oidc_models_pkey" PRIMARY KEY ("type","id")
);

-- CreateTable
CREATE TABLE "system_secrets" (
    "name" TEXT NOT NULL,
    "value_enc" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "system_secrets_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_subject_key" ON "users"("subject");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "installations_name_key" ON "installations"("name");

-- CreateIndex
CREATE UNIQUE INDEX "storages_installation_id_name_key" ON "storages"("installation_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "clients_name_key" ON "clients"("name");

-- CreateIndex
CREATE INDEX "clients_installation_id_idx" ON "clients"("installation_id");

-- CreateIndex
CREATE UNIQUE INDEX "clients_storage_id_partition_key" ON "clients"("storage_id", "partition");

-- CreateIndex
CREATE INDEX "permissions_installation_id_idx" ON "permissions"("installation_id");

-- CreateIndex
CREATE INDEX "permissions_client_id_idx" ON "permissions"("client_id");

-- CreateIndex
CREATE UNIQUE INDEX "permissions_user_id_installation_id_key" ON "permissions"("user_id", "installation_id");

-- CreateIndex
CREATE UNIQUE INDEX "permissions_user_id_client_id_key" ON "permissions"("user_id", "client_id");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_installation_id_thumbprint_key" ON "certificates"("installation_id", "thumbprint");

-- CreateIndex
CREATE UNIQUE INDEX "web_api_keys_app_id_key" ON "web_api_keys"("app_id");

-- CreateIndex
CREATE INDEX "web_api_keys_client_id_idx" ON "web_api_keys"("client_id");

-- CreateIndex
CREATE INDEX "audit_events_object_type_object_id_at_idx" ON "audit_events"("object_type", "object_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_installation_id_at_idx" ON "audit_events"("installation_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

-- CreateIndex
CREATE INDEX "oidc_models_grant_id_idx" ON "oidc_models"("grant_id");

-- CreateIndex
CREATE INDEX "oidc_models_uid_idx" ON "oidc_models"("uid");

-- CreateIndex
CREATE INDEX "oidc_models_user_code_idx" ON "oidc_models"("user_code");

-- CreateIndex
CREATE INDEX "oidc_models_expires_at_idx" ON "oidc_models"("expires_at");

-- AddForeignKey
ALTER TABLE "storages" ADD CONSTRAINT "storages_installation_id_fkey" FOREIGN KEY ("installation_id") REFERENCES "installations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clients" ADD CONSTRAINT "clients_installation_id_fkey" FOREIGN KEY ("installation_id") REFERENCES "installations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clients" ADD CONSTRAINT "clients_storage_id_fkey" FOREIGN KEY ("storage_id") REFERENCES "storages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "permissions" ADD CONSTRAINT "permissions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "permissions" ADD CONSTRAINT "permissions_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "permissions" ADD CONSTRAINT "permissions_installation_id_fkey" FOREIGN KEY ("installation_id") REFERENCES "installations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "permissions" ADD CONSTRAINT "permissions_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_installation_id_fkey" FOREIGN KEY ("installation_id") REFERENCES "installations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_certificates" ADD CONSTRAINT "client_certificates_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_certificates" ADD CONSTRAINT "client_certificates_certificate_id_fkey" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "web_api_keys" ADD CONSTRAINT "web_api_keys_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written constraints Prisma cannot express
ALTER TABLE "permissions" ADD CONSTRAINT "permissions_one_object" CHECK (num_nonnulls("installation_id", "client_id") = 1);
ALTER TABLE "permissions" ADD CONSTRAINT "permissions_support_expires" CHECK ("role" <> 'SUPPORT' OR "expires_at" IS NOT NULL);
ALTER TABLE "clients" ADD CONSTRAINT "clients_partition_positive" CHECK ("partition" > 0);
