-- CreateTable
CREATE TABLE "EventHourCount" (
    "hour" INTEGER NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL
);

-- Written by hand from here on: the triggers that keep the counts in step with "Event" (Prisma's
-- schema cannot express triggers), and the counts of the events stored before this migration.
-- A migration that rebuilds "Event" drops these triggers too: it must recreate them.
CREATE TRIGGER "Event_hour_count_insert" AFTER INSERT ON "Event" BEGIN
    INSERT INTO "EventHourCount" ("hour", "count") VALUES (NEW."occurredAt" / 3600000, 1)
    ON CONFLICT ("hour") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Event_hour_count_update" AFTER UPDATE OF "occurredAt" ON "Event"
WHEN NEW."occurredAt" / 3600000 <> OLD."occurredAt" / 3600000 BEGIN
    UPDATE "EventHourCount" SET "count" = "count" - 1 WHERE "hour" = OLD."occurredAt" / 3600000;
    INSERT INTO "EventHourCount" ("hour", "count") VALUES (NEW."occurredAt" / 3600000, 1)
    ON CONFLICT ("hour") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Event_hour_count_delete" AFTER DELETE ON "Event" BEGIN
    UPDATE "EventHourCount" SET "count" = "count" - 1 WHERE "hour" = OLD."occurredAt" / 3600000;
END;

INSERT INTO "EventHourCount" ("hour", "count")
SELECT "occurredAt" / 3600000, count(*) FROM "Event" GROUP BY "occurredAt" / 3600000;
