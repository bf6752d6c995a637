// npm run forward [-- --once]: delivers the stored events each destination of INTEGRATIONS_FILE
// has pending, with the server's code. --once: one round, then exit 0 when every destination
// caught up, 1 naming each one that could not, else 3 naming each one another process (the server)
// was delivering, which this run left to it. Without it: a round every INTEGRATIONS_INTERVAL_SECONDS until stopped.
import { parseArgs } from "node:util";
import { getConfig } from "@/lib/config";
import { migrateDatabase } from "@/lib/store/migrate";
import { getSqlite } from "@/lib/store/sqlite";
import { deliverPending } from "@/lib/integrations/delivery/deliverPending";
import { startDeliveryScheduler } from "@/lib/integrations/delivery/deliveryScheduler";
import { runCli, UsageError } from "./runCli";

const USAGE = "Usage: npm run forward [-- --once]";
/** The exit code of `npm run sync` when another sync runs (scripts/runCli.ts), for the same reason. */
const HELD_BY_ANOTHER_PROCESS = 3;

runCli(
  "forward",
  async () => {
    const { values } = (() => {
      try {
        return parseArgs({ options: { once: { type: "boolean", default: false } }, strict: true });
      } catch (error) {
        throw new UsageError(`${(error as Error).message}. ${USAGE}`);
      }
    })();
    const config = getConfig();
    const { destinations, intervalMs } = config.integrations;
    if (destinations.length === 0) throw new UsageError("no destinations: set INTEGRATIONS_FILE to a file that lists them (see README, Integrations)");
    // Delivery reads and writes through the raw connection alone: no Prisma client to load.
    await migrateDatabase(config.databaseFile);
    const sqlite = getSqlite(config.databaseFile);
    if (!values.once) {
      const scheduler = startDeliveryScheduler(sqlite, destinations, Math.max(intervalMs, 1_000));
      // The scheduler's timer is unref'd (it must not hold the server up); this run exists for it, so
      // it stays up until it is stopped, rather than exiting 0 the first time it has nothing to send.
      const keepAlive = setInterval(() => {}, 1 << 30);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      clearInterval(keepAlive);
      await scheduler.stop();
      return 0;
    }
    const stop = new AbortController();
    process.once("SIGINT", () => stop.abort());
    process.once("SIGTERM", () => stop.abort());
    const reports = await deliverPending(sqlite, destinations, { signal: stop.signal });
    for (const report of reports) {
      const outcome =
        report.status === "caught-up"
          ? "caught up"
          : report.status === "paused"
            ? "paused (resume it on /integrations)"
            : report.status === "held"
              ? `skipped: another process delivers it (its lease is held by ${report.heldBy})`
              : `${report.status}: ${report.error}`;
      console.error(`forward: ${report.name}: ${report.delivered} events delivered, ${outcome}`);
    }
    if (reports.every((report) => report.status === "caught-up")) return 0;
    return reports.every((report) => report.status === "caught-up" || report.status === "held") ? HELD_BY_ANOTHER_PROCESS : 1;
  },
  { background: true },
);
