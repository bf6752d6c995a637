import { copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { describe, expect, it, onTestFinished } from "vitest";
import { connectDatabase, createOlderDatabase, createTempDatabase, makeTempDir, openPlainDatabase } from "../store/testing";
import { cliEnvironment, expectSameEvents, groundTruth, runCli, startCli, startSyncFixture, storedEvents } from "../sync/testing";
import { rotatedBackups } from "./backupRotation";
import { takeDueBackup } from "./backups";
import { copyDatabaseFile } from "../store/databaseCopy";

/** Event ids in a database file, read without Prisma (the file may be a backup on its own). */
function eventIds(file: string): string[] {
  const connection = openPlainDatabase(file, { readonly: true });
  try {
    return connection.prepare("SELECT id FROM Event ORDER BY id").pluck().all() as string[];
  } finally {
    connection.close();
  }
}

describe("npm run backup and npm run restore", () => {
  it("a backup taken while a sync runs holds every event the sync had committed, and a store restored from it syncs on to the ground truth", async () => {
    const f = await startSyncFixture({ events: 4_000, seed: 41 });
    onTestFinished(f.close);
    const truth = groundTruth(f.sim);
    f.sim.setFaultRates({ slowRate: 1, slowMs: 100 }); // the sync lasts long enough to be caught mid-way
    await f.database.disconnect(); // the child migrates the file on start, which needs it to itself
    const sync = startCli("sync.ts", [], f.cliEnv({ PARSEC_PAGE_SIZE: "100" }));
    onTestFinished(sync.killAll);

    const live = await connectDatabase(f.database.file);
    onTestFinished(live.disconnect);
    const deadline = Date.now() + 60_000;
    while (((await live.db.syncCheckpoint.findUnique({ where: { teamId: f.sim.teamId } }).catch(() => null))?.passPages ?? 0) < 5) {
      if (Date.now() > deadline) throw new Error(`the sync never committed 5 pages: ${await sync.done.then((r) => r.stderr)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const committedBefore = new Set(live.sqlite.prepare("SELECT id FROM Event").pluck().all() as string[]);

    const dir = makeTempDir();
    onTestFinished(dir.remove);
    const backupFile = dir.file("mid-sync.db");
    const backup = await runCli("backup.ts", [backupFile], f.cliEnv());
    expect(backup.stderr).toMatch(/^backup: \d+ events \([\d.]+ MB\) to .*mid-sync\.db in [\d.]+ s\n$/);
    expect(backup.code).toBe(0);
    const committedAfter = new Set(live.sqlite.prepare("SELECT id FROM Event").pluck().all() as string[]);
    const backedUp = eventIds(backupFile);
    // Every event committed before the copy began is in it, and nothing that was never committed.
    const inBackup = new Set(backedUp);
    expect([...committedBefore].filter((id) => !inBackup.has(id))).toEqual([]);
    expect(backedUp.filter((id) => !committedAfter.has(id))).toEqual([]);
    expect(backedUp.length).toBeLessThan(truth.length); // taken mid-way, or the test proves nothing
    expect(existsSync(`${backupFile}-wal`)).toBe(false); // one self-contained file
    expect(readdirSync(dir.path)).toEqual(["mid-sync.db"]); // no partial copy left beside it

    // Restored into a new store, the backup's events are exactly as stored, and a sync finishes the history.
    const restored = await createTempDatabase();
    onTestFinished(restored.close);
    await restored.disconnect();
    const env = cliEnvironment({ ...f.cliEnv(), DATABASE_URL: restored.url });
    const restore = await runCli("restore.ts", [backupFile], env);
    expect(restore.stderr).toBe(`restore: ${backedUp.length} events restored\n`);
    expect(restore.code).toBe(0);
    expect(eventIds(restored.file)).toEqual(backedUp);
    f.sim.setFaultRates(null);
    const after = await runCli("sync.ts", [], env);
    expect(after.code).toBe(0);
    const again = await connectDatabase(restored.file);
    onTestFinished(again.disconnect);
    expectSameEvents(await storedEvents(again.db), truth);
    expect(await again.db.syncLock.count()).toBe(0);
    const audit = await again.db.viewerAuditEntry.findMany({ where: { action: { in: ["backup", "restore"] } }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([["restore", "cli"]]); // the backup's own row was written after its copy
    expect(audit[0]?.detail).toBe(`${backedUp.length.toLocaleString("en")} events from ${backupFile}`);
  });

  it("a backup holds exactly what was committed when it began: what sits in the WAL, not what a writer has yet to commit", async () => {
    const f = await startSyncFixture({ events: 1_200, seed: 44 });
    onTestFinished(f.close);
    // Everything stays in the WAL: a copy of the main file alone would hold none of it.
    f.sqlite.pragma("wal_autocheckpoint = 0");
    await f.db.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");
    await f.sync();
    const committed = eventIds(f.database.file);
    expect(committed.length).toBeGreaterThan(1_000);
    // A second writer holds an uncommitted change while the copy is taken.
    const writer = openPlainDatabase(f.database.file);
    onTestFinished(() => void writer.close());
    writer.exec("BEGIN IMMEDIATE");
    writer.prepare("DELETE FROM Event WHERE id = ?").run(committed[0]);
    const dir = makeTempDir();
    onTestFinished(dir.remove);
    const result = await copyDatabaseFile(f.database.file, dir.file("copy.db"));
    writer.exec("COMMIT");
    expect(result.events).toBe(committed.length);
    expect(eventIds(dir.file("copy.db"))).toEqual(committed);
    expect(eventIds(f.database.file)).toEqual(committed.slice(1));
  });

  it("restore refuses, changing nothing, a store that holds events (without --force), a file that is no backup, a damaged one and one from a newer version", async () => {
    const f = await startSyncFixture({ events: 600, seed: 42 });
    onTestFinished(f.close);
    await f.sync();
    const stored = eventIds(f.database.file);
    await f.database.disconnect();
    const dir = makeTempDir();
    onTestFinished(dir.remove);
    const good = dir.file("good.db");
    expect((await runCli("backup.ts", [good], f.cliEnv())).code).toBe(0);
    expect((await runCli("backup.ts", [good], f.cliEnv())).stderr).toBe(`backup: ${good} exists: choose another name, or add --force to replace it\n`);
    expect((await runCli("backup.ts", [dir.file("missing/x.db")], f.cliEnv())).stderr).toBe(`backup: ${dir.file("missing")}: no such directory\n`);

    const notSqlite = dir.file("notes.db");
    writeFileSync(notSqlite, "these are not the events you are looking for\n".repeat(200));
    const damaged = dir.file("damaged.db");
    copyFileSync(good, damaged);
    truncateSync(damaged, Math.floor(readFileSync(good).length / 2));
    const foreign = dir.file("foreign.db");
    openPlainDatabase(foreign).exec("CREATE TABLE notes (id INTEGER)").close();
    const newer = dir.file("newer.db");
    copyFileSync(good, newer);
    const edit = openPlainDatabase(newer);
    edit
      .prepare("INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('x', 'x', ?, 0, 1, 1)")
      .run("29991231000000_from_the_future");
    edit.close();

    const cases: [string[], RegExp][] = [
      [[good], new RegExp(`^restore: ${f.database.file} holds ${stored.length} events: add --force to replace them with the backup's ${stored.length}\\n$`)],
      [[notSqlite], /^restore: .*notes\.db is not an SQLite database, or is damaged: use another backup\n$/],
      [
        [damaged],
        /^restore: .*damaged\.db (is not an SQLite database, or is damaged: use another backup|is damaged \(SQLite's check says: .*\); use another backup)\n$/,
      ],
      [[foreign], /^restore: .*foreign\.db is an SQLite database but not one of this viewer \(it has no events table\)\n$/],
      [
        [newer],
        /^restore: .*newer\.db was made by a newer version of the viewer \(its migration 29991231000000_from_the_future is unknown here\): upgrade the viewer, then restore\n$/,
      ],
      [[dir.file("nowhere.db")], /^restore: .*nowhere\.db: no such file\n$/],
      [[], /^restore: name the backup file to restore\. Usage: /],
    ];
    for (const [args, message] of cases) {
      const run = await runCli("restore.ts", args, f.cliEnv());
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.code, args.join(" ")).toBe(2);
      expect(eventIds(f.database.file)).toEqual(stored);
    }

    // --force replaces: here with a backup of an emptied copy, so the difference shows.
    const empty = dir.file("empty.db");
    copyFileSync(good, empty);
    openPlainDatabase(empty).exec("DELETE FROM Event").close();
    // A connection that stays open across the restore (a running server's) sees the restored content.
    const server = await connectDatabase(f.database.file);
    onTestFinished(server.disconnect);
    expect(await server.db.event.count()).toBe(stored.length);
    const forced = await runCli("restore.ts", [empty, "--force"], f.cliEnv());
    expect(forced.stderr).toBe(`restore: 0 events restored (replacing ${stored.length})\n`);
    expect(eventIds(f.database.file)).toEqual([]);
    expect(await server.db.event.count()).toBe(0);
    expect(server.sqlite.prepare("SELECT count(*) FROM Event").pluck().get()).toBe(0);
  });

  it("restore refuses while a sync holds the lease (exit 3), and brings a backup of an older version up to this one", async () => {
    const f = await startSyncFixture({ events: 300, seed: 43 });
    onTestFinished(f.close);
    await f.sync();
    const dir = makeTempDir();
    onTestFinished(dir.remove);
    await f.database.disconnect();
    const backupFile = dir.file("current.db");
    expect((await runCli("backup.ts", [backupFile], f.cliEnv())).code).toBe(0);

    const target = await createTempDatabase();
    onTestFinished(target.close);
    await target.db.syncLock.create({
      data: { name: "sync", holder: "another-host:1:x", acquiredAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) },
    });
    await target.disconnect();
    const env = cliEnvironment({ ...f.cliEnv(), DATABASE_URL: target.url });
    const refused = await runCli("restore.ts", [backupFile], env);
    expect(refused.stderr).toMatch(/^restore: A sync is already running \(started .*\)\. Wait for it to finish\.\n$/);
    expect(refused.code).toBe(3);
    expect(eventIds(target.file)).toEqual([]);
    openPlainDatabase(target.file).exec("DELETE FROM SyncLock").close();

    // A backup an older version wrote: its schema one migration behind this one's.
    const olderFile = dir.file("older.db");
    const [newest] = await createOlderDatabase(olderFile);
    const restored = await runCli("restore.ts", [olderFile], env);
    expect(restored.stderr).toBe("restore: 0 events restored; 1 migrations applied to bring the backup up to this version\n");
    expect(restored.code).toBe(0);
    const check = openPlainDatabase(target.file, { readonly: true });
    expect(check.prepare("SELECT count(*) FROM _prisma_migrations WHERE migration_name = ?").pluck().get(newest)).toBe(1);
    check.close();
  });
});

describe("rotated backups in BACKUP_DIR", () => {
  it("one is taken when due and the oldest beyond BACKUP_KEEP are deleted, other files left alone", async () => {
    const database = await createTempDatabase();
    onTestFinished(database.close);
    const dir = makeTempDir();
    onTestFinished(dir.remove);
    for (const day of [1, 2, 3]) writeFileSync(dir.file(`parsec-audit-2026110${day}-030000Z.db`), "old");
    writeFileSync(dir.file("keep-me.txt"), "mine");
    const settings = { dir: dir.path, intervalMs: 24 * 3_600_000, keep: 2 };
    const first = await takeDueBackup(database.file, settings, new Date("2026-12-02T03:00:00Z"));
    const second = await takeDueBackup(database.file, settings, new Date("2026-12-02T09:00:00Z"));
    expect(first.taken?.file).toBe(dir.file("parsec-audit-20261202-030000Z.db"));
    expect(second).toEqual({ taken: null, nextDue: new Date("2026-12-03T03:00:00Z") });
    expect(readdirSync(dir.path).sort()).toEqual(["keep-me.txt", "parsec-audit-20261103-030000Z.db", "parsec-audit-20261202-030000Z.db"]);
    expect(rotatedBackups(readdirSync(dir.path)).length).toBe(2);
    expect(eventIds(dir.file("parsec-audit-20261202-030000Z.db"))).toEqual([]);
  });
});
