-- AlterTable
ALTER TABLE "holds" ADD COLUMN     "meta" TEXT,
ADD COLUMN     "progress" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "usage_records" ADD COLUMN     "attempts" JSONB,
ADD COLUMN     "cacheWrite1hRatio" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "cacheWrite1hTokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cacheWriteRatio" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "clientIp" TEXT,
ADD COLUMN     "errorMessage" TEXT,
ADD COLUMN     "reasoningTokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ttfbMs" INTEGER,
ADD COLUMN     "userAgent" TEXT,
ADD COLUMN     "writtenOff" BIGINT NOT NULL DEFAULT 0;
