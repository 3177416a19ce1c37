-- AlterTable
ALTER TABLE "groups" ADD COLUMN "concurrencyLimit" INTEGER;
ALTER TABLE "groups" ADD COLUMN "rpmLimit" INTEGER;
ALTER TABLE "groups" ADD COLUMN "tpmLimit" INTEGER;

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
    "periodStart" BIGINT NOT NULL DEFAULT 0,
    "spendPeriodStart" BIGINT NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);
INSERT INTO "new_holds" ("amount", "createdAt", "expiresAt", "meta", "progress", "requestId", "tokenId", "userId") SELECT "amount", "createdAt", "expiresAt", "meta", "progress", "requestId", "tokenId", "userId" FROM "holds";
DROP TABLE "holds";
ALTER TABLE "new_holds" RENAME TO "holds";
CREATE INDEX "holds_expiresAt_idx" ON "holds"("expiresAt");
CREATE TABLE "new_tokens" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "keyPreview" TEXT NOT NULL,
    "quota" BIGINT,
    "usedQuota" BIGINT NOT NULL DEFAULT 0,
    "heldQuota" BIGINT NOT NULL DEFAULT 0,
    "quotaPeriod" TEXT NOT NULL DEFAULT 'none',
    "periodUsed" BIGINT NOT NULL DEFAULT 0,
    "periodStart" BIGINT NOT NULL DEFAULT 0,
    "rpmLimit" INTEGER,
    "tpmLimit" INTEGER,
    "concurrencyLimit" INTEGER,
    "expiresAt" DATETIME,
    "allowedModels" JSONB NOT NULL,
    "allowedIps" JSONB NOT NULL,
    "group" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "lastUsedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "tokens_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_tokens" ("allowedIps", "allowedModels", "createdAt", "expiresAt", "group", "heldQuota", "id", "keyHash", "keyPreview", "lastUsedAt", "name", "quota", "status", "updatedAt", "usedQuota", "userId") SELECT "allowedIps", "allowedModels", "createdAt", "expiresAt", "group", "heldQuota", "id", "keyHash", "keyPreview", "lastUsedAt", "name", "quota", "status", "updatedAt", "usedQuota", "userId" FROM "tokens";
DROP TABLE "tokens";
ALTER TABLE "new_tokens" RENAME TO "tokens";
CREATE UNIQUE INDEX "tokens_keyHash_key" ON "tokens"("keyHash");
CREATE INDEX "tokens_userId_idx" ON "tokens"("userId");
CREATE TABLE "new_users" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'user',
    "group" TEXT NOT NULL DEFAULT 'default',
    "balance" BIGINT NOT NULL DEFAULT 0,
    "heldBalance" BIGINT NOT NULL DEFAULT 0,
    "spendLimit" BIGINT,
    "spendLimitPeriod" TEXT NOT NULL DEFAULT 'monthly',
    "periodSpent" BIGINT NOT NULL DEFAULT 0,
    "spendPeriodStart" BIGINT NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_users" ("balance", "createdAt", "email", "group", "heldBalance", "id", "name", "passwordHash", "role", "status", "updatedAt") SELECT "balance", "createdAt", "email", "group", "heldBalance", "id", "name", "passwordHash", "role", "status", "updatedAt" FROM "users";
DROP TABLE "users";
ALTER TABLE "new_users" RENAME TO "users";
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
