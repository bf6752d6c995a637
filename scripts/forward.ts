// npm run forward [-- --once]: delivers the stored events each destination of INTEGRATIONS_FILE
// has pending, with the server's code. --once: one round, then exit 0 when every destination
// caught up, 1 naming each one that could not. Without it: a round every INTEGRATIONS_INTERVAL_SECONDS until stopped.
import { parseArgs } from "node:util";
import { getConfig } from "@/lib/config";
import { migrateDatabase } from "@/lib/store/migrate";
import { getSqlite } from "@/lib/store/sqlite";
import { deliverPending } from "@/lib/integrations/delivery/deliverPending";
import { startDeliveryScheduler } from "@/lib/integrations/delivery/deliveryScheduler";
import { runCli, UsageError } from "./runCli";

const USAGE = "Usage: npm run forward [-- --once]";

runCli("forward", async () => {
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
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await scheduler.stop();
    return 0;
  }
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());
  const reports = await deliverPending(sqlite, destinations, { signal: stop.signal });
  for (const report of reports) {
    const outcome =
      report.status === "caught-up" ? "caught up" : report.status === "paused" ? "paused (resume it on /integrations)" : `${report.status}: ${report.error}`;
    console.error(`forward: ${report.name}: ${report.delivered} events delivered, ${outcome}`);
  }
  return reports.every((report) => report.status === "caught-up") ? 0 : 1;
});
