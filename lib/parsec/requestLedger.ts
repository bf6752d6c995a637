/**
 * Where the rate limiter remembers when requests were sent. A ledger in shared storage (the
 * database) makes requests sent by another process, such as a CLI run just before the server's,
 * count against the same quota.
 */
export interface RequestLedger {
  /** Send times (epoch ms) of the requests recorded under `key` at or after `sinceMs`, any order. */
  recent(key: string, sinceMs: number): Promise<number[]>;
  /** Notes that a request under `key` is sent at `atMs` (epoch ms). */
  record(key: string, atMs: number): Promise<void>;
}

/** Process-local ledger. Forgets what is older than what it was last asked about. */
export class MemoryRequestLedger implements RequestLedger {
  private readonly sent = new Map<string, number[]>();

  async recent(key: string, sinceMs: number): Promise<number[]> {
    const kept = (this.sent.get(key) ?? []).filter((at) => at >= sinceMs);
    // Pruning here keeps memory bounded by the quota in a long-running server.
    this.sent.set(key, kept);
    return [...kept];
  }

  async record(key: string, atMs: number): Promise<void> {
    const list = this.sent.get(key);
    if (list) list.push(atMs);
    else this.sent.set(key, [atMs]);
  }
}
