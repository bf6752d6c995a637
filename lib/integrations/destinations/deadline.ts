/**
 * Runs `work` with a signal that aborts when `outer` does or after `timeoutMs` (its reason a
 * TimeoutError). Held strongly until `work` settles: Node's AbortSignal.any() keeps its sources
 * only weakly, so a composed AbortSignal.timeout() can be collected before it fires, and a request
 * to a destination that never answers would then wait forever.
 */
export async function withDeadline<T>(outer: AbortSignal, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, "TimeoutError")), timeoutMs);
  const forward = () => controller.abort(outer.reason);
  if (outer.aborted) forward();
  else outer.addEventListener("abort", forward, { once: true });
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
    outer.removeEventListener("abort", forward);
  }
}
