import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import path from "node:path";
import { z } from "zod";
import type { Db } from "../store/client";
import type { SqliteConnection } from "../store/sqlite";
import { EVENT_BOUNDS, measureJson } from "../parsec/jsonBounds";
import { finishIngest, ingestPage, startIngest } from "./ingestRun";
import type { RunTrigger } from "./ingestRuns";
import { addCounts, emptyCounts, type StoreCounts, type UnreadableItem } from "./storeEvents";

export type ImportFormat = "json-array" | "json-object" | "ndjson";

export interface ImportSummary extends StoreCounts {
  runId: number;
  format: ImportFormat;
}

export class ImportFileError extends Error {
  override name = "ImportFileError";
}

const BATCH = 1_000;
/** A whole-document JSON file is parsed in memory; the dashboard's files hold at most 5,000 events. */
export const MAX_JSON_DOCUMENT_BYTES = 256 * 1024 * 1024;
const EXPECTED = "expected a Parsec audit-log download: a JSON array of events, an object with a `data` array, or NDJSON (one event per line)";

const envelopeSchema = z.object({ data: z.array(z.unknown()) });

/**
 * Imports a file as downloaded from the Parsec dashboard (or written by `npm run export`), through
 * the same upsert and quarantine rules as the sync. A file that is not one of the accepted
 * formats is refused whole, before anything is stored; inside NDJSON, a line that is not JSON is
 * quarantined with its line number while the rest is imported.
 */
export async function importEventsFile(
  filePath: string,
  options: { db: Db; sqlite: SqliteConnection; trigger: RunTrigger; onProgress?: (counts: StoreCounts) => void },
): Promise<ImportSummary> {
  const format = await detectFormat(filePath);
  const source = `import:${path.basename(filePath)}`;
  const run = await startIngest(options, { kind: "import", trigger: options.trigger, mode: format, staleAfterMs: 10 * 60_000 });
  let totals = emptyCounts();
  const storeBatch = async (items: unknown[], unreadable: UnreadableItem[] = []) => {
    const counts = await ingestPage(options, items, source, { runId: run.id, progress: () => ({ source }), unreadable });
    totals = addCounts(totals, counts);
    options.onProgress?.(totals);
  };
  try {
    if (format === "ndjson") {
      await readNdjson(filePath, storeBatch);
    } else {
      const events = await readJsonDocument(filePath);
      for (let start = 0; start < events.length; start += BATCH) await storeBatch(events.slice(start, start + BATCH));
    }
    await finishIngest(options, run.id, {});
    return { runId: run.id, format, ...totals };
  } catch (error) {
    // The batches stored before the failure stay, and so do their connections.
    await finishIngest(options, run.id, { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

async function detectFormat(filePath: string): Promise<ImportFormat> {
  const info = await stat(filePath).catch(() => {
    throw new ImportFileError(`${filePath}: no such file`);
  });
  if (!info.isFile()) throw new ImportFileError(`${filePath}: not a file`);
  const head = await readHead(filePath, 64 * 1024);
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text === "") throw new ImportFileError(`${filePath} is empty: ${EXPECTED}`);
  if (text.startsWith("[")) return "json-array";
  if (!text.startsWith("{")) throw new ImportFileError(`${filePath} is not JSON: ${EXPECTED}`);
  // An event object alone on the first line means NDJSON. So does a broken first line followed by
  // one (that line is quarantined, the rest imported), unless it is the "{" that opens a document.
  const [first = "", second = ""] = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const kindOf = (line: string) => {
    try {
      const value: unknown = JSON.parse(line);
      if (value === null || typeof value !== "object" || Array.isArray(value)) return "other";
      return looksLikeDocument(value) ? "document" : "event";
    } catch {
      return "broken";
    }
  };
  const firstKind = kindOf(first);
  if (firstKind === "event") return "ndjson";
  if (firstKind === "broken" && first !== "{" && kindOf(second) === "event") return "ndjson";
  return "json-object";
}

/**
 * A one-line object is a whole document rather than an NDJSON event when it carries a list
 * (`{"events": [...]}`, `{"data": [...]}`) or the API envelope's `next_cursor`, without the
 * event's own `id` and `name`: such a file is then refused with the document's error instead of
 * being quarantined as one strange event.
 */
function looksLikeDocument(value: object): boolean {
  const record = value as Record<string, unknown>;
  if (typeof record.id === "string" && typeof record.name === "string") return false;
  return "next_cursor" in record || Object.values(record).some((field) => Array.isArray(field));
}

async function readHead(filePath: string, bytes: number): Promise<string> {
  const handle = await open(filePath, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

async function readJsonDocument(filePath: string): Promise<unknown[]> {
  const { size } = await stat(filePath);
  if (size > MAX_JSON_DOCUMENT_BYTES) {
    throw new ImportFileError(
      `${filePath} is ${Math.round(size / 1024 / 1024)} MB, over the ${MAX_JSON_DOCUMENT_BYTES / 1024 / 1024} MB a single JSON document may have: convert it to NDJSON (one event per line), which is imported as a stream.`,
    );
  }
  const { readFile } = await import("node:fs/promises");
  let document: unknown;
  try {
    document = JSON.parse((await readFile(filePath, "utf8")).replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ImportFileError(`${filePath} is not valid JSON (${(error as Error).message}): ${EXPECTED}`);
  }
  let events: unknown[];
  if (Array.isArray(document)) events = document;
  else {
    const envelope = envelopeSchema.safeParse(document);
    if (!envelope.success) throw new ImportFileError(`${filePath} is a JSON object without a \`data\` array: ${EXPECTED}`);
    events = envelope.data.data;
  }
  refuseDeepLists(filePath, events);
  return events;
}

/**
 * An event is an object, so an array in the list of events is more of the document's own structure:
 * nested past EVENT_BOUNDS (`[[[[...]]]]`), the file is refused whole rather than quarantined as
 * one huge "event". An object too deep is an event, quarantined with its reason (toEventRow).
 */
function refuseDeepLists(filePath: string, events: readonly unknown[]) {
  for (const [index, item] of events.entries()) {
    if (!Array.isArray(item)) continue;
    const { depth } = measureJson(item);
    if (depth > EVENT_BOUNDS.maxDepth) {
      throw new ImportFileError(
        `${filePath}: item ${(index + 1).toLocaleString("en")} of its list of events is no event object but arrays nested ` +
          `${depth.toLocaleString("en")} levels deep (at most ${EVENT_BOUNDS.maxDepth} levels are read), so nothing was imported: ${EXPECTED}`,
      );
    }
  }
}

async function readNdjson(filePath: string, storeBatch: (items: unknown[], unreadable?: UnreadableItem[]) => Promise<void>) {
  const lines = createInterface({ input: createReadStream(filePath, { encoding: "utf8" }), crlfDelay: Infinity });
  let items: unknown[] = [];
  let unreadable: UnreadableItem[] = [];
  let lineNumber = 0;
  for await (const rawLine of lines) {
    lineNumber += 1;
    const line = (lineNumber === 1 ? rawLine.replace(/^\uFEFF/, "") : rawLine).trim();
    if (line === "") continue;
    try {
      items.push(JSON.parse(line));
    } catch (error) {
      unreadable.push({ text: line, reason: `line ${lineNumber} is not JSON: ${(error as Error).message}` });
    }
    if (items.length + unreadable.length >= BATCH) {
      await storeBatch(items, unreadable);
      items = [];
      unreadable = [];
    }
  }
  if (items.length || unreadable.length) await storeBatch(items, unreadable);
}
