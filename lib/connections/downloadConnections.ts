import { recordViewerAudit } from "../auth/viewerAudit";
import type { CsvReader } from "../csv/csvReader";
import { pickerOptions } from "../events/pickerOptions";
import type { ExportFormat } from "../explorerUrl/explorerParams";
import type { Download } from "../http/downloadResponse";
import { writtenStream } from "../http/writtenStream";
import { getStore } from "../store/store";
import type { ConnectionFilters } from "./connectionFilters";
import { connectionsExportFileName, exportConnections } from "./exportConnections";
import { emailLookup } from "./queryConnections";
import { logger } from "../logging/logger.mjs";

/**
 * GET /connections/export: the connections matching `filters`, oldest first, streamed a batch at
 * a time, and the export recorded in the viewer audit as `by`'s. A CSV is written for `reader`.
 */
export async function downloadConnections(
  filters: ConnectionFilters,
  format: ExportFormat,
  by: { actor: string; ip: string },
  reader?: CsvReader,
): Promise<Download> {
  const { db } = await getStore();
  const fileName = connectionsExportFileName(filters, format);
  await recordViewerAudit(db, { action: "export_connections", actor: by.actor, ip: by.ip, facts: { kind: "file", file: fileName } });
  const options = { nowMs: Date.now(), emailOf: emailLookup((await pickerOptions(db)).users) };
  const body = writtenStream(
    (write) => exportConnections(db, filters, format, options, write, reader),
    (error) => logger("export").error({ err: error }, "connections export failed part-way"),
  );
  return { body, format, fileName };
}
