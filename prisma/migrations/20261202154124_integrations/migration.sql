-- CreateTable
CREATE TABLE "IntegrationState" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "deliveredSeq" BIGINT NOT NULL DEFAULT 0,
    "delivered" BIGINT NOT NULL DEFAULT 0,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "lastDeliveryAt" DATETIME,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "lastTestAt" DATETIME,
    "lastTestError" TEXT,
    "replayFrom" DATETIME,
    "replayUntilSeq" BIGINT,
    "replayAt" BIGINT,
    "replayId" TEXT,
    "batchUntilSeq" BIGINT,
    "replayDone" INTEGER NOT NULL DEFAULT 0,
    "replayTotal" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- Hand-written instead of Prisma's table rebuild: a rebuild would renumber the rowids that the
-- search index (EventSearch) and the stitch mark refer to, and drop Event's triggers. Adding
-- nullable or defaulted columns rewrites nothing. The events stored before this migration take
-- their rowid as their change (the order they were inserted in), so that a new integration meets
-- them in that order; later ones continue from the largest value.
ALTER TABLE "Event" ADD COLUMN "changeSeq" BIGINT;
ALTER TABLE "Event" ADD COLUMN "insertSeq" BIGINT;
UPDATE "Event" SET "changeSeq" = "rowid", "insertSeq" = "rowid";
CREATE INDEX "Event_changeSeq_idx" ON "Event"("changeSeq");
