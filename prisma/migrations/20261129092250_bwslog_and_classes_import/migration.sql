-- AlterTable
ALTER TABLE "usage_events" ADD COLUMN     "bcid" TEXT,
ADD COLUMN     "details" JSONB;

-- CreateTable
CREATE TABLE "biometric_classes" (
    "id" UUID NOT NULL,
    "installation_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "storage" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "class_id" BIGINT NOT NULL,
    "traits" JSONB NOT NULL,
    "enrolled_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "biometric_classes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "installation_imports" (
    "installation_id" UUID NOT NULL,
    "collection" TEXT NOT NULL,
    "last_at" TIMESTAMP(3),
    "last_id" TEXT,
    "imported" BIGINT NOT NULL DEFAULT 0,
    "skipped" BIGINT NOT NULL DEFAULT 0,
    "last_run_at" TIMESTAMP(3),
    "last_error" TEXT,
    "last_error_at" TIMESTAMP(3),

    CONSTRAINT "installation_imports_pkey" PRIMARY KEY ("installation_id","collection")
);

-- CreateIndex
CREATE INDEX "biometric_classes_client_id_class_id_idx" ON "biometric_classes"("client_id", "class_id");

-- CreateIndex
CREATE UNIQUE INDEX "biometric_classes_installation_id_storage_partition_class_i_key" ON "biometric_classes"("installation_id", "storage", "partition", "class_id");

-- AddForeignKey
ALTER TABLE "biometric_classes" ADD CONSTRAINT "biometric_classes_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "installation_imports" ADD CONSTRAINT "installation_imports_installation_id_fkey" FOREIGN KEY ("installation_id") REFERENCES "installations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
