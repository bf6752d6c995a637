import type { Db } from "../db/client";
import type { EventFilters } from "./eventFilters";
import { exportEvents, type ExportFormat } from "./exportEvents";

class ExportCancelled extends Error {
  override name = "ExportCancelled";
}

/**
 * `exportEvents` as a byte stream for an HTTP answer. The export waits while the reader is behind
 * (the stream's queue is full), so a slow download holds a few batches in memory, not the whole
 * set, and it stops reading the database when the reader goes away.
 */
export function exportEventsStream(
  db: Db,
  filters: EventFilters,
  format: ExportFormat,
  onError: (error: unknown) => void = () => undefined,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cancelled = false;
  let resume: (() => void) | null = null;
  const wake = () => {
    resume?.();
    resume = null;
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const write = async (chunk: string) => {
          if (cancelled) throw new ExportCancelled();
          controller.enqueue(encoder.encode(chunk));
          while (!cancelled && (controller.desiredSize ?? 0) <= 0) await new Promise<void>((resolve) => (resume = resolve));
        };
        exportEvents(db, filters, format, write).then(
          () => {
            if (!cancelled) controller.close();
          },
          (error: unknown) => {
            if (cancelled) return;
            onError(error);
            controller.error(error);
          },
        );
      },
      pull: wake,
      cancel() {
        cancelled = true;
        wake();
      },
    },
    // Counted in chunks: each is one batch of up to 1,000 events.
    { highWaterMark: 4 },
  );
}
