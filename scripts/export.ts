// npm run export -- --format ndjson|csv [--user ID]... [--name NAME]... [--from T] [--to T] [--host NAME]... [--exit CODE]... [--q TEXT]
import { once } from "node:events";
import { parseArgs } from "node:util";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { parseEventFilters } from "@/lib/events/eventFilters";
import { exportEvents } from "@/lib/events/exportEvents";
import { runCli, UsageError } from "./runCli";

const USAGE =
  "Usage: npm run export -- --format ndjson|csv [--user ID]... [--name NAME]... [--from RFC3339] [--to RFC3339] [--host NAME]... [--exit CODE|success|failure]... [--q TEXT]";

runCli("export", async () => {
  const { values } = (() => {
    try {
      return parseArgs({
        options: {
          format: { type: "string" },
          user: { type: "string", multiple: true },
          name: { type: "string", multiple: true },
          from: { type: "string" },
          to: { type: "string" },
          host: { type: "string", multiple: true },
          exit: { type: "string", multiple: true },
          q: { type: "string" },
        },
        strict: true,
        allowPositionals: false,
      });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}. ${USAGE}`);
    }
  })();
  const format = z.enum(["ndjson", "csv"]).safeParse(values.format ?? "ndjson");
  if (!format.success) throw new UsageError(`--format must be ndjson or csv. ${USAGE}`);
  const { format: _format, ...filterValues } = values;
  const filters = parseEventFilters(filterValues);
  const config = getConfig();
  const db = await getDatabase(config.databaseFile);
  const started = Date.now();
  const count = await exportEvents(db, filters, format.data, async (chunk) => {
    if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
  });
  console.error(`export: ${count} events (${format.data}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
