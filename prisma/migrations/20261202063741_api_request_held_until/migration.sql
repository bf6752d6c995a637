-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "heldUntil" DATETIME NOT NULL,
    "settled" BOOLEAN NOT NULL DEFAULT false,
    "key" TEXT NOT NULL
);
-- Requests recorded before holds existed were counted from when they were sent; they are long answered.
INSERT INTO "new_ApiRequest" ("at", "heldUntil", "settled", "id", "key") SELECT "at", "at", true, "id", "key" FROM "ApiRequest";
DROP TABLE "ApiRequest";
ALTER TABLE "new_ApiRequest" RENAME TO "ApiRequest";
CREATE INDEX "ApiRequest_key_heldUntil_idx" ON "ApiRequest"("key", "heldUntil");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
