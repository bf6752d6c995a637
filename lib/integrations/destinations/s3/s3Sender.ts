import { createHash } from "node:crypto";
import { once } from "node:events";
import { createGzip } from "node:zlib";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { Destination } from "../../../integrationsFile";
import { awsCredentials } from "../awsCredentials";
import { withDeadline } from "../deadline";
import { DeliveryError, type Sender } from "../sender";
import type { DeliveryEvent } from "../../delivery/deliveryEvent";
import { s3Objects } from "./s3ObjectKeys";

type S3Destination = Extract<Destination, { type: "s3" }>;

/**
 * Lines handed to the compressor at a time: enough that each write is one job of zlib's thread
 * pool over tens of kilobytes (a write per line would queue thousands of tiny jobs), few enough
 * that the object's NDJSON is never built whole beside its gzip.
 */
const LINES_PER_WRITE = 64;

/**
 * An object's body: its events' export lines, one a line, gzipped as they are written, off the
 * event loop (zlib's thread pool). Only the compressed object is held whole, as the PUT needs its length.
 */
export async function gzippedNdjson(events: readonly DeliveryEvent[]): Promise<Buffer> {
  const gzip = createGzip();
  const chunks: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = once(gzip, "end");
  for (let at = 0; at < events.length; at += LINES_PER_WRITE) {
    let piece = "";
    for (const event of events.slice(at, at + LINES_PER_WRITE)) piece += `${event.json}\n`;
    if (!gzip.write(piece)) await once(gzip, "drain");
  }
  gzip.end();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * Any S3-compatible store (AWS S3, Google Cloud Storage's XML API with HMAC keys, Cloudflare R2,
 * MinIO) through the AWS SDK v3: each batch as gzipped NDJSON objects of export lines (s3Objects).
 */
export function s3Sender(destination: S3Destination): Sender {
  const client = new S3Client({
    region: destination.region,
    endpoint: destination.endpoint,
    forcePathStyle: destination.forcePathStyle,
    credentials: awsCredentials(destination.secrets),
    // Since early 2025 the SDK adds CRC checksums (and trailing-checksum chunked uploads) to every
    // request and checks them in answers by default; several S3-compatible stores (GCS, older
    // MinIO and Ceph, some R2 paths) refuse such requests or send no checksum back. Only when an
    // operation requires one, as AWS itself worked before.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // Retries are the delivery's (bounded, with backoff, the error shown): one attempt here.
    maxAttempts: 1,
  });
  const timeoutMs = destination.timeoutSeconds * 1000;
  return {
    async send(batch, signal) {
      const objects = s3Objects(destination.prefix, batch);
      await Promise.all(
        objects.map(async ({ key, events }) => {
          const body = await gzippedNdjson(events);
          const lock = destination.objectLock;
          const command = new PutObjectCommand({
            Bucket: destination.bucket,
            Key: key,
            Body: body,
            // A .gz file, not a transfer encoding: downloads keep the archive as it was written.
            ContentType: "application/gzip",
            Metadata: { "parsec-events": String(events.length), ...(events[0]!.update ? { "parsec-update": "true" } : {}) },
            // Object Lock needs an integrity header on the PUT; Content-MD5 is the one every store with object lock takes.
            ...(lock
              ? {
                  ObjectLockMode: lock.mode,
                  ObjectLockRetainUntilDate: new Date(Date.now() + lock.retainDays * 86_400_000),
                  ContentMD5: createHash("md5").update(body).digest("base64"),
                }
              : {}),
          });
          try {
            await withDeadline(signal, timeoutMs, (deadline) => client.send(command, { abortSignal: deadline }));
          } catch (error) {
            throw new DeliveryError(describeS3Error(error, destination, key, timeoutMs));
          }
        }),
      );
    },
    close: async () => client.destroy(),
  };
}

function describeS3Error(error: unknown, destination: S3Destination, key: string, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const where = `s3://${destination.bucket}/${key}`;
  if (e.name === "TimeoutError" || e.name === "AbortError") return `${where}: no answer within ${timeoutMs / 1000} s`;
  const status = e.$metadata?.httpStatusCode;
  return `${where}: ${status ? `HTTP ${status} ` : ""}${e.name ?? "Error"}: ${e.message ?? e.code ?? String(error)}`;
}
