-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SyncRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "mode" TEXT,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "quarantined" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "progress" TEXT,
    "runner" TEXT,
    "rateLimited" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_SyncRun" ("error", "fetched", "finishedAt", "heartbeatAt", "id", "inserted", "kind", "mode", "pages", "progress", "quarantined", "runner", "startedAt", "status", "trigger", "updated") SELECT "error", "fetched", "finishedAt", "heartbeatAt", "id", "inserted", "kind", "mode", "pages", "progress", "quarantined", "runner", "startedAt", "status", "trigger", "updated" FROM "SyncRun";
DROP TABLE "SyncRun";
ALTER TABLE "new_SyncRun" RENAME TO "SyncRun";
CREATE INDEX "SyncRun_kind_startedAt_idx" ON "SyncRun"("kind", "startedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
