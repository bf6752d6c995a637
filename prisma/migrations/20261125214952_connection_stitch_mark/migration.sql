-- CreateTable
CREATE TABLE "ConnectionStitchMark" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventRowid" BIGINT NOT NULL
);

-- Every event stored so far had its connection stitched in the transaction that stored it.
INSERT INTO "ConnectionStitchMark" ("id", "eventRowid") SELECT 1, coalesce(max("rowid"), 0) FROM "Event";
