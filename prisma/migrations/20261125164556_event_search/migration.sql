-- Free-text search over events (`q` in lib/events/eventSearch.ts). Written by hand: Prisma's schema
-- cannot express a virtual table or triggers, so lib/db/schemaEngine.ts lists the table as
-- external and `npm run db:new-migration` leaves it alone.
--
-- A trigram index (SQLite FTS5) of one text per event: its name, email and `data` JSON, which
-- holds every other text `q` searches (computer names, ip, attempt id). It only proposes
-- candidates: the query keeps the exact LIKE conditions, so results are the same rows a scan
-- gives. Hence the smallest index that can still propose them: contentless (the text is not
-- stored twice) and detail=none (no positions). Its rowid is the Event row's rowid, which VACUUM
-- keeps. A later migration that rebuilds "Event" (Prisma's "RedefineTables") drops these
-- triggers and renumbers rowids: it must recreate them and refill the index as below.
CREATE VIRTUAL TABLE "EventSearch" USING fts5(
    "text",
    content = '',
    contentless_delete = 1,
    detail = none,
    tokenize = 'trigram case_sensitive 0'
);

CREATE TRIGGER "Event_search_insert" AFTER INSERT ON "Event" BEGIN
    INSERT INTO "EventSearch" ("rowid", "text")
    VALUES (NEW."rowid", NEW."name" || char(10) || coalesce(NEW."userEmail", '') || char(10) || NEW."data");
END;

CREATE TRIGGER "Event_search_update" AFTER UPDATE OF "name", "userEmail", "data" ON "Event" BEGIN
    DELETE FROM "EventSearch" WHERE "rowid" = OLD."rowid";
    INSERT INTO "EventSearch" ("rowid", "text")
    VALUES (NEW."rowid", NEW."name" || char(10) || coalesce(NEW."userEmail", '') || char(10) || NEW."data");
END;

CREATE TRIGGER "Event_search_delete" AFTER DELETE ON "Event" BEGIN
    DELETE FROM "EventSearch" WHERE "rowid" = OLD."rowid";
END;

-- Events stored before this migration.
INSERT INTO "EventSearch" ("rowid", "text")
SELECT "rowid", "name" || char(10) || coalesce("userEmail", '') || char(10) || "data" FROM "Event";
