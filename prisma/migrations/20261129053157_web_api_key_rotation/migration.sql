-- AlterTable
ALTER TABLE "web_api_keys" ADD COLUMN     "replaces_id" UUID,
ADD COLUMN     "revoked_at" TIMESTAMP(3);
