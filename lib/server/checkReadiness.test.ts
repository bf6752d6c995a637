import { renameSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "../auth/testing";
import { getConfig } from "../config";
import { GET } from "../../app/api/ready/route";

let app: Awaited<ReturnType<typeof startTestApp>>;
const MINUTE = 60_000;

beforeAll(async () => {
  app = await startTestApp({ READY_SYNC_FAILING_MINUTES: "30" });
});
afterAll(() => app.close());

async function ready() {
  const response = await GET(new Request("http://viewer.test/api/ready"));
  return { status: response.status, body: (await response.json()) as unknown };
}

const run = (status: string, minutesAgo: number) =>
  app.db.syncRun.create({ data: { kind: "sync", trigger: "schedule", status, startedAt: new Date(Date.now() - minutesAgo * MINUTE), finishedAt: new Date() } });

describe("GET /api/ready", () => {
  it("is ready on a migrated store with no sync yet, and while failures are younger than the threshold", async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: "ready", checks: { database: "ok", migrations: "ok", sync: "ok" } } });
    await run("succeeded", 120);
    await run("failed", 20);
    await run("failed", 10);
    expect((await ready()).status).toBe(200);
  });

  it("is not ready once every sync has failed for longer than READY_SYNC_FAILING_MINUTES, and ready again after a success; an import's failure does not count", async () => {
    await app.db.syncRun.deleteMany();
    await run("succeeded", 120);
    await run("failed", 45);
    await app.db.syncRun.create({ data: { kind: "import", trigger: "api", status: "succeeded", startedAt: new Date() } });
    await run("failed", 5);
    expect(await ready()).toEqual({ status: 503, body: { status: "not ready", checks: { database: "ok", migrations: "ok", sync: "failing" } } });
    await run("succeeded", 1);
    expect((await ready()).status).toBe(200);
    // A store whose very first syncs all failed: failing since the first of them.
    await app.db.syncRun.deleteMany();
    await run("failed", 31);
    expect((await ready()).status).toBe(503);
  });

  it("is not ready while a migration of this version is not applied", async () => {
    await app.db.syncRun.deleteMany();
    const [newest] = await app.db.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1",
    );
    await app.db.$executeRawUnsafe("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ?", newest!.migration_name);
    expect(await ready()).toEqual({ status: 503, body: { status: "not ready", checks: { database: "ok", migrations: "failing", sync: "ok" } } });
    await app.db.$executeRawUnsafe("UPDATE _prisma_migrations SET finished_at = started_at WHERE migration_name = ?", newest!.migration_name);
    expect((await ready()).status).toBe(200);
  });

  it("is not ready when the database file is gone, though the open connection still answers", async () => {
    const file = getConfig().databaseFile;
    renameSync(file, `${file}.moved`);
    try {
      expect(await app.db.syncRun.count()).toBeGreaterThanOrEqual(0);
      expect(await ready()).toEqual({ status: 503, body: { status: "not ready", checks: { database: "failing", migrations: "ok", sync: "ok" } } });
    } finally {
      renameSync(`${file}.moved`, file);
    }
    expect((await ready()).status).toBe(200);
  });
});
