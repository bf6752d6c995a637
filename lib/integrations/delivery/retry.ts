/** Waits between the attempts at one batch: three attempts, then the destination waits for the next round. */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000] as const;

/**
 * Runs `attempt` until it succeeds or `delaysMs` runs out (one more attempt than delays), waiting
 * each delay with up to a fifth more of jitter; returns the last error, or null on success.
 */
export async function withRetries(attempt: () => Promise<void>, delaysMs: readonly number[], signal?: AbortSignal): Promise<Error | null> {
  for (let tries = 0; ; tries += 1) {
    try {
      await attempt();
      return null;
    } catch (error) {
      const delay = delaysMs[tries];
      if (delay === undefined || signal?.aborted) return error instanceof Error ? error : new Error(String(error));
      await sleep(delay * (1 + Math.random() / 5), signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
