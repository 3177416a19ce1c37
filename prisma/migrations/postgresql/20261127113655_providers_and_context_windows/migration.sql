-- AlterTable
ALTER TABLE "channels" ADD COLUMN     "apiVersion" TEXT,
ADD COLUMN     "headers" JSONB;

-- AlterTable
ALTER TABLE "models" ADD COLUMN     "cacheWrite1hRatio" DOUBLE PRECISION,
ADD COLUMN     "cacheWriteRatio" DOUBLE PRECISION,
ADD COLUMN     "contextWindow" INTEGER;
