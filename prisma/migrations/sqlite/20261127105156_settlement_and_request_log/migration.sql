-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_holds" (
    "requestId" TEXT NOT NULL PRIMARY KEY,
    "userId" INTEGER NOT NULL,
    "tokenId" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "progress" BIGINT NOT NULL DEFAULT 0,
    "meta" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);
INSERT INTO "new_holds" ("amount", "createdAt", "expiresAt", "requestId", "tokenId", "userId") SELECT "amount", "createdAt", "expiresAt", "requestId", "tokenId", "userId" FROM "holds";
DROP TABLE "holds";
ALTER TABLE "new_holds" RENAME TO "holds";
CREATE INDEX "holds_expiresAt_idx" ON "holds"("expiresAt");
CREATE TABLE "new_usage_records" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "tokenId" INTEGER NOT NULL,
    "tokenName" TEXT NOT NULL,
    "channelId" INTEGER,
    "endpoint" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "upstreamModel" TEXT,
    "group" TEXT NOT NULL,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "cachedTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheWrite1hTokens" INTEGER NOT NULL DEFAULT 0,
    "reasoningTokens" INTEGER NOT NULL DEFAULT 0,
    "modelRatio" REAL NOT NULL DEFAULT 0,
    "completionRatio" REAL NOT NULL DEFAULT 0,
    "cacheRatio" REAL NOT NULL DEFAULT 0,
    "cacheWriteRatio" REAL NOT NULL DEFAULT 0,
    "cacheWrite1hRatio" REAL NOT NULL DEFAULT 0,
    "groupRatio" REAL NOT NULL DEFAULT 0,
    "fixedPrice" REAL,
    "cost" BIGINT NOT NULL DEFAULT 0,
    "writtenOff" BIGINT NOT NULL DEFAULT 0,
    "status" INTEGER NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "stream" BOOLEAN NOT NULL DEFAULT false,
    "estimated" BOOLEAN NOT NULL DEFAULT false,
    "latencyMs" INTEGER NOT NULL DEFAULT 0,
    "ttfbMs" INTEGER,
    "attempts" JSONB,
    "clientIp" TEXT,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_usage_records" ("cacheRatio", "cachedTokens", "channelId", "completionRatio", "completionTokens", "cost", "createdAt", "endpoint", "errorCode", "estimated", "fixedPrice", "group", "groupRatio", "id", "latencyMs", "model", "modelRatio", "promptTokens", "requestId", "status", "stream", "tokenId", "tokenName", "upstreamModel", "userId") SELECT "cacheRatio", "cachedTokens", "channelId", "completionRatio", "completionTokens", "cost", "createdAt", "endpoint", "errorCode", "estimated", "fixedPrice", "group", "groupRatio", "id", "latencyMs", "model", "modelRatio", "promptTokens", "requestId", "status", "stream", "tokenId", "tokenName", "upstreamModel", "userId" FROM "usage_records";
DROP TABLE "usage_records";
ALTER TABLE "new_usage_records" RENAME TO "usage_records";
CREATE UNIQUE INDEX "usage_records_requestId_key" ON "usage_records"("requestId");
CREATE INDEX "usage_records_userId_createdAt_idx" ON "usage_records"("userId", "createdAt");
CREATE INDEX "usage_records_tokenId_createdAt_idx" ON "usage_records"("tokenId", "createdAt");
CREATE INDEX "usage_records_userId_model_createdAt_idx" ON "usage_records"("userId", "model", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
