import { recordViewerAudit } from "../auth/viewerAudit";
import type { CsvReader } from "../csv/csvReader";
import type { Download } from "../http/downloadResponse";
import { getStore } from "../store/store";
import type { EventFilters } from "./eventFilters";
import type { ExportFormat } from "./exportEvents";
import { exportEventsStream } from "./exportEventsStream";
import { exportFileName } from "./exportFileName";
import { logger } from "../logging/logger.mjs";

/**
 * GET /events/export: the events matching `filters`, oldest first, streamed a batch at a time (a
 * million rows never sit in memory), and the export recorded in the viewer audit as `by`'s. A CSV
 * is written for `reader` (its zone and language).
 */
export async function downloadEvents(filters: EventFilters, format: ExportFormat, by: { actor: string; ip: string }, reader?: CsvReader): Promise<Download> {
  const { db, sqlite } = await getStore();
  const fileName = exportFileName(filters, format);
  await recordViewerAudit(db, { action: "export", actor: by.actor, ip: by.ip, facts: { kind: "file", file: fileName } });
  const body = exportEventsStream(sqlite, filters, format, (error) => logger("export").error({ err: error }, "events export failed part-way"), reader);
  return { body, format, fileName };
}
