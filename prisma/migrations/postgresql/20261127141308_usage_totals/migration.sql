-- CreateTable
CREATE TABLE "usage_totals" (
    "id" SERIAL NOT NULL,
    "quarter" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "tokenId" INTEGER NOT NULL,
    "tokenName" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "channelId" INTEGER,
    "failed" BOOLEAN NOT NULL,
    "requests" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,
    "cost" BIGINT NOT NULL,
    "latencyMs" BIGINT NOT NULL,
    "ttfbMs" BIGINT NOT NULL,
    "ttfbCount" INTEGER NOT NULL,
    "lastId" INTEGER NOT NULL,

    CONSTRAINT "usage_totals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "usage_totals_quarter_idx" ON "usage_totals"("quarter");

-- CreateIndex
CREATE INDEX "usage_totals_userId_quarter_idx" ON "usage_totals"("userId", "quarter");

-- CreateIndex
CREATE INDEX "usage_totals_tokenId_quarter_idx" ON "usage_totals"("tokenId", "quarter");
