-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_holds" (
    "requestId" TEXT NOT NULL PRIMARY KEY,
    "userId" INTEGER NOT NULL,
    "tokenId" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);
INSERT INTO "new_holds" ("amount", "createdAt", "expiresAt", "requestId", "tokenId", "userId") SELECT "amount", "createdAt", "expiresAt", "requestId", "tokenId", "userId" FROM "holds";
DROP TABLE "holds";
ALTER TABLE "new_holds" RENAME TO "holds";
CREATE INDEX "holds_expiresAt_idx" ON "holds"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
