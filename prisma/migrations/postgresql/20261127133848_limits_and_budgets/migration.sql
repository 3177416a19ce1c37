-- AlterTable
ALTER TABLE "groups" ADD COLUMN     "concurrencyLimit" INTEGER,
ADD COLUMN     "rpmLimit" INTEGER,
ADD COLUMN     "tpmLimit" INTEGER;

-- AlterTable
ALTER TABLE "holds" ADD COLUMN     "periodStart" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "spendPeriodStart" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "tokens" ADD COLUMN     "concurrencyLimit" INTEGER,
ADD COLUMN     "periodStart" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "periodUsed" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "quotaPeriod" TEXT NOT NULL DEFAULT 'none',
ADD COLUMN     "rpmLimit" INTEGER,
ADD COLUMN     "tpmLimit" INTEGER;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "periodSpent" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "spendLimit" BIGINT,
ADD COLUMN     "spendLimitPeriod" TEXT NOT NULL DEFAULT 'monthly',
ADD COLUMN     "spendPeriodStart" BIGINT NOT NULL DEFAULT 0;
