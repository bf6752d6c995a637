// npm run export -- --format ndjson|csv [--zone IANA] [--lang en|ja] [--user ID]... [--not-user ID]... [--name NAME]... [--not-name NAME]... [--from T] [--to T] [--host NAME]... [--not-host NAME]... [--exit CODE]... [--not-exit CODE]... [--attempt ID]... [--ip IP]... [--q TEXT]
import { once } from "node:events";
import { parseArgs } from "node:util";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { getSqlite } from "@/lib/store/sqlite";
import { parseEventFilters } from "@/lib/events/eventFilters";
import { exportEvents } from "@/lib/events/exportEvents";
import { isKnownTimeZone } from "@/lib/connections/timelineWindow";
import { LOCALES } from "@/lib/i18n/locales";
import { DEFAULT_EXPORT_FORMAT, EXPORT_FORMATS, FILTER_PARAMS, isRepeatedFilterParam } from "@/lib/explorerUrl/explorerParams";
import { runCli, usage, UsageError } from "./runCli";

const USAGE = usage(
  "export",
  "--format ndjson|csv [--zone IANA-ZONE] [--lang en|ja] [--user ID]... [--not-user ID]... [--name NAME]... [--not-name NAME]... [--from RFC3339] [--to RFC3339] " +
    "[--host NAME]... [--not-host NAME]... [--exit CODE|success|failure]... [--not-exit CODE|success|failure]... [--attempt ID]... [--ip ADDRESS]... [--q TEXT]",
);

/** The explorer's URL parameters as flags: `not_user` is `--not-user`. */
const flagOf = (param: string) => param.replaceAll("_", "-");
const FILTER_FLAGS = Object.fromEntries(FILTER_PARAMS.map((param) => [flagOf(param), { type: "string" as const, multiple: isRepeatedFilterParam(param) }]));

runCli("export", async () => {
  const { values }: { values: Record<string, string | string[] | boolean | undefined> } = (() => {
    try {
      return parseArgs({
        options: { format: { type: "string" }, zone: { type: "string" }, lang: { type: "string" }, ...FILTER_FLAGS },
        strict: true,
        allowPositionals: false,
      });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}. ${USAGE}`);
    }
  })();
  const format = z.enum(EXPORT_FORMATS).safeParse(values.format ?? DEFAULT_EXPORT_FORMAT);
  if (!format.success) throw new UsageError(`--format must be ndjson or csv. ${USAGE}`);
  // A CSV's local time column and header language (NDJSON has neither): UTC and English unless asked.
  const zone = z
    .string()
    .refine((value) => value.length <= 64 && isKnownTimeZone(value))
    .safeParse(values.zone ?? "UTC");
  if (!zone.success) throw new UsageError(`--zone must be an IANA time zone such as Asia/Tokyo or America/New_York. ${USAGE}`);
  const lang = z.enum(LOCALES).safeParse(values.lang ?? "en");
  if (!lang.success) throw new UsageError(`--lang must be en or ja. ${USAGE}`);
  const filters = parseEventFilters(Object.fromEntries(FILTER_PARAMS.map((param) => [param, values[flagOf(param)]])));
  const config = getConfig();
  await getDatabase(config.databaseFile); // migrates the file first
  const started = Date.now();
  const count = await exportEvents(
    getSqlite(config.databaseFile),
    filters,
    format.data,
    async (chunk) => {
      if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
    },
    { zone: zone.data, locale: lang.data },
  );
  console.error(`export: ${count} events (${format.data}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
