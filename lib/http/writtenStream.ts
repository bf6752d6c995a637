class StreamCancelled extends Error {
  override name = "StreamCancelled";
}

/**
 * What `produce` writes, as a byte stream for an HTTP answer. `write` waits while the reader is
 * behind (the stream's queue is full), so a slow download holds a few chunks in memory, not the
 * whole answer, and it throws once the reader has gone away, which stops the producer.
 */
export function writtenStream(
  produce: (write: (chunk: string) => Promise<void>) => Promise<unknown>,
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
          if (cancelled) throw new StreamCancelled();
          controller.enqueue(encoder.encode(chunk));
          while (!cancelled && (controller.desiredSize ?? 0) <= 0) await new Promise<void>((resolve) => (resume = resolve));
        };
        produce(write).then(
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
    // Counted in chunks: each is one batch of up to 1,000 rows.
    { highWaterMark: 4 },
  );
}
