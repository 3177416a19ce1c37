-- AlterTable
ALTER TABLE "channels" ADD COLUMN "apiVersion" TEXT;
ALTER TABLE "channels" ADD COLUMN "headers" JSONB;

-- AlterTable
ALTER TABLE "models" ADD COLUMN "cacheWrite1hRatio" REAL;
ALTER TABLE "models" ADD COLUMN "cacheWriteRatio" REAL;
ALTER TABLE "models" ADD COLUMN "contextWindow" INTEGER;
