-- AlterTable
ALTER TABLE "storages" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- Existing storages keep the order they were shown in until now (by name).
UPDATE "storages" AS s
SET "position" = ordered.position
FROM (
  SELECT "id", (ROW_NUMBER() OVER (PARTITION BY "installation_id" ORDER BY "name") - 1)::int AS position
  FROM "storages"
) AS ordered
WHERE s."id" = ordered."id";
