-- CreateTable
CREATE TABLE "redemptions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "codePreview" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "maxUses" INTEGER NOT NULL DEFAULT 1,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "redemption_uses" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "redemptionId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "balance_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "balanceAfter" BIGINT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "redemptions_codeHash_key" ON "redemptions"("codeHash");

-- CreateIndex
CREATE INDEX "redemptions_createdAt_idx" ON "redemptions"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "redemption_uses_redemptionId_userId_key" ON "redemption_uses"("redemptionId", "userId");

-- CreateIndex
CREATE INDEX "balance_events_userId_id_idx" ON "balance_events"("userId", "id");
