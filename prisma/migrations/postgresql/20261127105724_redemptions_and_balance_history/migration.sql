-- CreateTable
CREATE TABLE "redemptions" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "codePreview" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "maxUses" INTEGER NOT NULL DEFAULT 1,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "redemptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "redemption_uses" (
    "id" SERIAL NOT NULL,
    "redemptionId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "redemption_uses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "balance_events" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "balanceAfter" BIGINT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "balance_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "redemptions_codeHash_key" ON "redemptions"("codeHash");

-- CreateIndex
CREATE INDEX "redemptions_createdAt_idx" ON "redemptions"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "redemption_uses_redemptionId_userId_key" ON "redemption_uses"("redemptionId", "userId");

-- CreateIndex
CREATE INDEX "balance_events_userId_id_idx" ON "balance_events"("userId", "id");
