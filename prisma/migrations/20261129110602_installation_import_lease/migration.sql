-- AlterTable
ALTER TABLE "installation_imports" ADD COLUMN     "leased_until" TIMESTAMP(3);
