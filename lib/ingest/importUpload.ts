import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ImportFileError, type ImportSummary } from "./importEvents";

export class UploadTooLargeError extends ImportFileError {
  override name = "UploadTooLargeError";
}

const megabytes = (bytes: number, round = Math.round) => `${round((bytes / 1024 / 1024) * 10) / 10} MB`;
const bytes = (count: number) => `${count.toLocaleString("en")} bytes`;

/** A name fit to show and to record: letters, digits, spaces, dots, dashes; never a path. */
export function uploadName(raw: string | null): string {
  let decoded = raw ?? "";
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // Shown as sent.
  }
  const name = path
    .basename(decoded.replaceAll("\\", "/"))
    .replace(/[^\p{L}\p{N} ._()-]/gu, "_")
    .slice(0, 120)
    .trim();
  return name === "" || name.startsWith(".") ? "upload.json" : name;
}

/**
 * An import uploaded through the viewer: the body is written to a temporary file, counting bytes,
 * and given up the moment it passes `maxBytes` (nothing imported), or refused when fewer bytes
 * arrived than the request declared; then the file goes to `importFile` (the server's ingest
 * runner, which runs `importEventsFile`: it refuses a document in none of the accepted formats
 * whole, before storing anything). Only the bytes pass through here, a chunk at a time, so that a
 * large upload never holds the thread that serves pages. The temporary file is always removed.
 */
export async function importUploadedBody(
  body: ReadableStream<Uint8Array> | null,
  options: { name: string; declaredBytes: number | null; maxBytes: number; importFile: (file: string) => Promise<ImportSummary> },
): Promise<ImportSummary> {
  const limit = `the limit is ${megabytes(options.maxBytes)} (IMPORT_MAX_MB)`;
  if (options.declaredBytes !== null && options.declaredBytes > options.maxBytes) {
    // Rounded up: a file one byte over the limit must not read as the limit itself.
    throw new UploadTooLargeError(`${options.name} is ${megabytes(options.declaredBytes, Math.ceil)}: ${limit}. Nothing was imported.`);
  }
  if (!body) throw new ImportFileError(`${options.name} is empty. Nothing was imported.`);
  const dir = await mkdtemp(path.join(tmpdir(), "parsec-viewer-upload-"));
  const file = path.join(dir, options.name);
  try {
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > options.maxBytes)
          done(new UploadTooLargeError(`${options.name} is over ${megabytes(options.maxBytes)}: ${limit}. Nothing was imported.`));
        else done(null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]), counter, createWriteStream(file));
    if (received === 0) throw new ImportFileError(`${options.name} is empty. Nothing was imported.`);
    // Whatever cut the body (a reverse proxy's size limit, a proxy.ts that buffers it), its end
    // would read as the end of the file: part of it imported, the rest silently missing.
    if (options.declaredBytes !== null && received !== options.declaredBytes) {
      throw new ImportFileError(
        `${options.name} arrived cut: ${bytes(received)} of the ${bytes(options.declaredBytes)} its upload declared. ` +
          "Something between the browser and the viewer limits request bodies (a reverse proxy's body size limit?). Nothing was imported.",
      );
    }
    try {
      return await options.importFile(file);
    } catch (error) {
      // The importer names the file by its path: show the name the admin chose instead.
      if (error instanceof ImportFileError) throw new ImportFileError(error.message.replaceAll(file, options.name));
      throw error;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
