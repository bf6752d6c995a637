import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedEvents } from "../../ingest/testing";
import { isLeaseAbandoned, newLeaseHolder } from "../../leases/leaseHolder";
import { recordLogMessages } from "../../logging/testing";
import { ensureIntegrationStates, readChangesAfter, readIntegrationState, takeIntegrationLease } from "../../store/integrationLedger";
import { openSqlite, type SqliteConnection } from "../../store/sqlite";
import { connectDatabase } from "../../store/testing";
import { cliEnvironment, startCli } from "../../sync/testing";
import { integrationStatus } from "../status/integrationStatus";
import { acceptedLines, destinationsOf, eventSeries, startReceiver, useDatabaseAndReceiver } from "../testing";
import { deliverPending } from "./deliverPending";
import { startDeliveryScheduler } from "./deliveryScheduler";

/**
 * One process at a time delivers a destination (the delivery lease): two deliverers of one file,
 * in one process or two, never send an event twice or race on its cursor, and a holder that died
 * or stalled is taken over.
 */

const FAST = { retryDelaysMs: [5, 10] };
const fixture = useDatabaseAndReceiver();

const hook = (fields: Record<string, unknown> = {}) =>
  destinationsOf([{ name: "hook", type: "http", url: `${fixture.receiver.url}/ingest`, batchSize: 20, ...fields }]);

const idsReceived = () => acceptedLines(fixture.receiver).map((line) => line.id as string);
const storedIds = () => readChangesAfter(fixture.database.sqlite, 0, Number.MAX_SAFE_INTEGER, 1_000_000).map((row) => row.id);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise and the function that settles it, with whether it has been. */
function signal() {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  const result = { promise, done: false, resolve: () => ((result.done = true), resolve()) };
  return result;
}

/** The receiver answers each request after `ms`, so that two deliverers' rounds overlap. */
function answerSlowly(ms: number) {
  fixture.receiver.answer = async () => {
    await pause(ms);
    return { status: 200 };
  };
}

describe("the delivery lease", () => {
  it("two stores on one file delivering at once: each event reaches the destination exactly once, and the second is told who holds it", async () => {
    seedEvents(fixture.database, eventSeries(200));
    answerSlowly(5);
    const other = openSqlite(fixture.database.file);
    try {
      const reports = await Promise.all([deliverPending(fixture.database.sqlite, hook(), FAST), deliverPending(other, hook(), FAST)]);
      const statuses = reports.map(([report]) => report!.status).sort();
      expect(statuses).toEqual(["caught-up", "held"]);
      const held = reports.find(([report]) => report!.status === "held")![0]!;
      expect(held.heldBy).toMatch(new RegExp(`^[^:]+:${process.pid}(@\\d+)?:[0-9a-f]{12}$`));
      expect(idsReceived()).toEqual(storedIds());
      // The round's end freed the lease.
      expect(readIntegrationState(other, "hook")).toMatchObject({ leaseHolder: null, leaseExpiresAt: null });
    } finally {
      other.close();
    }
  });

  it("two schedulers on one file, woken together while events keep arriving: every event exactly once, in order, and a clear line about the skip", async () => {
    answerSlowly(3);
    const other = openSqlite(fixture.database.file);
    const logged = recordLogMessages();
    const schedulers = [startDeliveryScheduler(fixture.database.sqlite, hook(), 0, FAST), startDeliveryScheduler(other, hook(), 0, FAST)];
    try {
      for (let round = 0; round < 6; round += 1) {
        seedEvents(fixture.database, eventSeries(60, undefined, round * 60));
        for (const scheduler of schedulers) scheduler.trigger();
        await pause(40);
      }
      for (const until = Date.now() + 30_000; !integrationStatus(fixture.database.sqlite, hook())[0]!.caughtUp;) {
        if (Date.now() > until) throw new Error("not caught up");
        for (const scheduler of schedulers) scheduler.trigger();
        await pause(50);
      }
    } finally {
      await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
      logged.restore();
      other.close();
    }
    expect(idsReceived()).toHaveLength(360);
    expect(idsReceived()).toEqual(storedIds());
    expect(
      logged.messages.some((line) => /^integration hook: skipped, another process delivers it \(its lease is held by .+\); trying again later$/.test(line)),
    ).toBe(true);
  });

  it("a lease of another host's process is left alone until it expires, then taken over; a holder that lost its lease moves no cursor", async () => {
    seedEvents(fixture.database, eventSeries(30));
    const { sqlite } = fixture.database;
    await ensureIntegrationStates(sqlite, hook());
    // Another host: whether its process runs cannot be checked, so only the expiry frees its lease.
    await takeIntegrationLease(sqlite, "hook", "elsewhere:4242:0123456789ab", Date.now() + 400, () => false);
    expect((await deliverPending(sqlite, hook(), FAST))[0]).toMatchObject({ status: "held", heldBy: "elsewhere:4242:0123456789ab", delivered: 0 });
    expect(fixture.receiver.all).toHaveLength(0);
    await pause(450);
    expect((await deliverPending(sqlite, hook(), FAST))[0]).toMatchObject({ status: "caught-up", delivered: 30 });

    // This round stalls on a destination that does not answer, past its lease's expiry, and
    // another process takes the lease over: the round stops without committing its batch.
    seedEvents(fixture.database, eventSeries(5, undefined, 30));
    let arrived!: () => void;
    const hanging = new Promise<void>((resolve) => (arrived = resolve));
    fixture.receiver.answer = () => (arrived(), "hang");
    const stalled = deliverPending(sqlite, hook({ timeoutSeconds: 60 }), { ...FAST, leaseTtlMs: 1_000 });
    await hanging;
    const before = readIntegrationState(sqlite, "hook")!;
    await takeIntegrationLease(sqlite, "hook", "elsewhere:4343:0123456789ab", Date.now() + 60_000, () => true);
    const [report] = await stalled;
    expect(report).toMatchObject({ status: "held", heldBy: "elsewhere:4343:0123456789ab" });
    expect(readIntegrationState(sqlite, "hook")).toMatchObject({ deliveredSeq: before.deliveredSeq, leaseHolder: "elsewhere:4343:0123456789ab" });
  });

  it("npm run forward --once leaves a destination another process delivers to it, names the holder and exits 3", async () => {
    seedEvents(fixture.database, eventSeries(10));
    const free = await startReceiver();
    try {
      const destinations = [
        { name: "held", type: "http", url: fixture.receiver.url },
        { name: "free", type: "http", url: free.url },
      ];
      await ensureIntegrationStates(fixture.database.sqlite, destinationsOf(destinations));
      // Held by this (running) process, as the server's scheduler would hold it mid-round.
      const holder = newLeaseHolder();
      await takeIntegrationLease(fixture.database.sqlite, "held", holder, Date.now() + 60_000, () => false);
      const file = path.join(path.dirname(fixture.database.file), "integrations.json");
      writeFileSync(file, JSON.stringify({ destinations }));
      await fixture.database.disconnect();
      const result = await startCli("forward.ts", ["--once"], cliEnvironment({ DATABASE_URL: fixture.database.url, INTEGRATIONS_FILE: file })).done;
      expect(result.stderr).toContain(`forward: held: 0 events delivered, skipped: another process delivers it (its lease is held by ${holder})`);
      expect(result.stderr).toContain("forward: free: 10 events delivered, caught up");
      expect(result.code).toBe(3);
      expect(fixture.receiver.all).toHaveLength(0);
    } finally {
      await free.close();
    }
  }, 120_000);

  it("npm run forward killed with SIGKILL while it holds the lease: it is respected while the holder runs, then taken over at once, every event acknowledged exactly once", async () => {
    seedEvents(fixture.database, eventSeries(100));
    let requests = 0;
    let first!: () => void;
    let third!: () => void;
    const firstArrived = new Promise<void>((resolve) => (first = resolve));
    const thirdArrived = new Promise<void>((resolve) => (third = resolve));
    let release!: () => void;
    const secondMayAnswer = new Promise<void>((resolve) => (release = resolve));
    fixture.receiver.answer = async () => {
      requests += 1;
      if (requests === 1) first();
      // The child's second batch waits until this process has seen its lease.
      if (requests === 2) await secondMayAnswer;
      if (requests === 3) return (third(), "hang");
      return { status: 200 };
    };
    const file = path.join(path.dirname(fixture.database.file), "integrations.json");
    writeFileSync(file, JSON.stringify({ destinations: [{ name: "hook", type: "http", url: fixture.receiver.url, batchSize: 20, timeoutSeconds: 60 }] }));
    await fixture.database.disconnect();
    const child = startCli("forward.ts", ["--once"], cliEnvironment({ DATABASE_URL: fixture.database.url, INTEGRATIONS_FILE: file }));
    await firstArrived;
    const reopened = await connectDatabase(fixture.database.file);
    try {
      const destinations = destinationsOf([{ name: "hook", type: "http", url: fixture.receiver.url, batchSize: 20 }]);
      const [whileRunning] = await deliverPending(reopened.sqlite, destinations, FAST);
      expect(whileRunning).toMatchObject({ status: "held", delivered: 0 });
      expect(whileRunning!.heldBy).not.toContain(`:${process.pid}`);
      release();
      await thirdArrived;
      child.killAll();
      expect((await child.done).signal).toBe("SIGKILL");
      expect(fixture.receiver.accepted).toHaveLength(2);
      // A killed process is gone only once the kernel has finished its exit, which on a loaded
      // machine may trail the end of its pipes (the forward runs at a lower priority): the takeover
      // is asked once this host sees the holder gone, as the next round would be.
      const holder = readIntegrationState(reopened.sqlite, "hook")!.leaseHolder!;
      await expect.poll(() => isLeaseAbandoned({ holder, expiresAt: Number.MAX_SAFE_INTEGER }, Date.now()), { timeout: 10_000 }).toBe(true);

      // Its holder is dead: taken over now, not after the lease's minute.
      const started = Date.now();
      const [takenOver] = await deliverPending(reopened.sqlite, destinations, FAST);
      expect(takenOver).toMatchObject({ status: "caught-up", delivered: 60 });
      expect(Date.now() - started).toBeLessThan(20_000);
      const ids = acceptedLines(fixture.receiver).map((line) => line.id as string);
      expect(ids).toEqual(readChangesAfter(reopened.sqlite, 0, Number.MAX_SAFE_INTEGER, 1_000_000).map((row) => row.id));
    } finally {
      child.killAll();
      await reopened.disconnect();
    }
  }, 120_000);

  it("a round that outlasts its lease's time keeps it by renewing it: another deliverer asking all along is turned away and no two batches are in flight at once", async () => {
    seedEvents(fixture.database, eventSeries(200));
    let inFlight = 0;
    let mostInFlight = 0;
    fixture.receiver.answer = async () => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await pause(250);
      inFlight -= 1;
      return { status: 200 };
    };
    const other = openSqlite(fixture.database.file);
    try {
      // Ten batches of 250 ms each: the round lasts more than twice the lease's second.
      const round = deliverPending(fixture.database.sqlite, hook(), { ...FAST, leaseTtlMs: 1_000 });
      await pause(50);
      const turnedAway = [];
      for (let attempt = 0; attempt < 20; attempt += 1) {
        turnedAway.push((await deliverPending(other, hook(), { ...FAST, leaseTtlMs: 1_000 }))[0]!);
        await pause(100);
      }
      expect((await round)[0]).toMatchObject({ status: "caught-up", delivered: 200 });
      expect(turnedAway.map((report) => report.status)).toEqual(Array.from({ length: 20 }, () => "held"));
      expect(mostInFlight).toBe(1);
      expect(idsReceived()).toEqual(storedIds());
    } finally {
      other.close();
    }
  });

  it("npm run forward (a real process, on its timer) and the server's scheduler delivering at once while events keep arriving: each is turned away while the other holds the lease, one batch in flight at a time, every event exactly once and in order", async () => {
    seedEvents(fixture.database, eventSeries(100));
    const entry = { name: "hook", type: "http", url: fixture.receiver.url, batchSize: 20 };
    const destinations = destinationsOf([entry]);
    const file = path.join(path.dirname(fixture.database.file), "integrations.json");
    writeFileSync(file, JSON.stringify({ destinations: [entry] }));

    let reader: SqliteConnection | null = null;
    const leaseHolder = () => readIntegrationState(reader!, "hook")!.leaseHolder;
    const pidOf = (holder: string) => Number(holder.split(":")[1]!.split("@")[0]);
    const ours = (holder: string | null) => holder !== null && pidOf(holder) === process.pid;
    const firstArrived = signal();
    const readable = signal();
    const serverTurnedAway = signal();
    const childTurnedAway = signal();
    let inFlight = 0;
    let mostInFlight = 0;
    // Who held the lease when each request arrived and when it was answered.
    const requests: { arrived: string | null; answered: string | null }[] = [];
    fixture.receiver.answer = async () => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      firstArrived.resolve();
      await readable.promise;
      const arrived = leaseHolder();
      // The child's first batch waits until the server has been turned away, and the server's
      // first until the child has: each then finds the other mid-round, whatever the timing.
      if (!ours(arrived)) await serverTurnedAway.promise;
      else await childTurnedAway.promise;
      await pause(10);
      requests.push({ arrived, answered: leaseHolder() });
      inFlight -= 1;
      return { status: 200 };
    };

    await fixture.database.disconnect();
    const child = startCli(
      "forward.ts",
      [],
      cliEnvironment({ DATABASE_URL: fixture.database.url, INTEGRATIONS_FILE: file, INTEGRATIONS_INTERVAL_SECONDS: "1" }),
    );
    let logged: ReturnType<typeof recordLogMessages> | undefined;
    let scheduler: ReturnType<typeof startDeliveryScheduler> | undefined;
    // Opened once the child has migrated the file (its migration needs the file to itself).
    await firstArrived.promise;
    const reopened = await connectDatabase(fixture.database.file);
    try {
      reader = reopened.sqlite;
      readable.resolve();
      const childHolder = leaseHolder()!;
      expect(ours(childHolder)).toBe(false);
      logged = recordLogMessages((line) => {
        if (line.includes("skipped, another process delivers it")) serverTurnedAway.resolve();
      });
      scheduler = startDeliveryScheduler(reopened.sqlite, destinations, 0, FAST);
      void child
        .waitForStdout(new RegExp(`integration hook: skipped, another process delivers it \\(its lease is held by [^:]+:${process.pid}[@:]`), 60_000)
        .then(childTurnedAway.resolve, () => undefined);

      // Events keep arriving; the server is woken after each, as after a sync's commit.
      for (let round = 0; round < 8; round += 1) {
        seedEvents(reopened, eventSeries(40, undefined, 100 + round * 40));
        scheduler.trigger();
        await pause(250);
      }
      for (const until = Date.now() + 60_000; !(childTurnedAway.done && integrationStatus(reopened.sqlite, destinations)[0]!.caughtUp);) {
        if (Date.now() > until)
          throw new Error(
            `not caught up (child turned away: ${childTurnedAway.done}): ${child.child.exitCode === null ? "" : "forward exited, "}${JSON.stringify(integrationStatus(reopened.sqlite, destinations)[0])}`,
          );
        scheduler.trigger();
        await pause(100);
      }
      await scheduler.stop();
      scheduler = undefined;
      // Stopped as a service manager stops it, the script's own process (its lease names it): it exits 0.
      process.kill(pidOf(childHolder), "SIGTERM");
      const result = await child.done;
      expect(result.code, result.stderr).toBe(0);

      expect(logged.messages).toContain(`integration hook: skipped, another process delivers it (its lease is held by ${childHolder}); trying again later`);
      expect(mostInFlight).toBe(1);
      // Every request was made under one lease from its arrival to its answer, and both processes made some.
      for (const request of requests) expect(request.answered).toBe(request.arrived);
      expect(requests.some((request) => ours(request.arrived))).toBe(true);
      expect(requests.some((request) => !ours(request.arrived))).toBe(true);
      const ids = acceptedLines(fixture.receiver).map((line) => line.id as string);
      expect(ids).toHaveLength(420);
      expect(ids).toEqual(readChangesAfter(reopened.sqlite, 0, Number.MAX_SAFE_INTEGER, 1_000_000).map((row) => row.id));
      expect(readIntegrationState(reopened.sqlite, "hook")).toMatchObject({ leaseHolder: null, leaseExpiresAt: null });
    } finally {
      await scheduler?.stop();
      logged?.restore();
      child.killAll();
      await reopened.disconnect();
    }
  }, 180_000);
});
