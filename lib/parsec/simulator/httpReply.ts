import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { SimulatorStats } from "./types";

/** Writing answers: JSON bodies with an exact Content-Length, optionally gzipped, counted in stats. */

const gzipAsync = promisify(gzip);

export interface ReplyOptions {
  gzip?: boolean;
  headers?: Record<string, string>;
  /** Send only the first part of the body, as a broken proxy or a dropped connection would. */
  truncate?: boolean;
  contentType?: string;
}

export async function reply(res: ServerResponse, status: number, body: string, stats: SimulatorStats | null, options: ReplyOptions = {}): Promise<void> {
  let payload = utf8(body);
  if (options.truncate) payload = payload.subarray(0, Math.max(1, Math.floor(payload.length * 0.6)));
  const headers: Record<string, string | number> = {
    "content-type": options.contentType ?? "application/json; charset=utf-8",
    ...options.headers,
  };
  if (options.gzip) {
    payload = await gzipAsync(payload);
    headers["content-encoding"] = "gzip";
    headers.vary = "Accept-Encoding";
  }
  headers["content-length"] = payload.length;
  if (stats) stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
  if (res.destroyed) return;
  res.writeHead(status, headers);
  res.end(payload);
}

export function message(text: string): string {
  return JSON.stringify({ message: text });
}

/** True when the request accepts gzip (a q=0 refuses it). */
export function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers["accept-encoding"];
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Buffer.from(text) is several times slower than writing into a buffer of the right size. */
function utf8(text: string): Buffer {
  const buffer = Buffer.allocUnsafe(Buffer.byteLength(text, "utf8"));
  buffer.write(text, "utf8");
  return buffer;
}
