/**
 * Where the rate limiter remembers the requests it let through. A ledger in shared storage (the
 * database) makes requests sent by another process, such as a CLI run just before the server's,
 * count against the same quota.
 *
 * Parsec counts a request when it arrives, which is some time after we send it and before its
 * answer reaches us; latency differs per request. So a request holds its slot in the quota's
 * window until its answer has arrived: reserved with an upper bound when it is sent (the most the
 * request may take), settled to the moment the answer came.
 */
export interface LedgerHold {
  /** Epoch ms until which the request may have been counted by the API. */
  heldUntil: number;
  /** False while the request is in flight: `heldUntil` is then only its upper bound. */
  settled: boolean;
}

export interface RequestLedger {
  /** The holds recorded under `key` that end after `sinceMs`, any order. */
  holds(key: string, sinceMs: number): Promise<LedgerHold[]>;
  /** Reserves a slot for a request about to be sent, held until `untilMs` unless settled sooner. */
  reserve(key: string, sentAtMs: number, untilMs: number): Promise<number>;
  /** The request's answer arrived (or it failed) at `atMs`: it holds its slot until then. */
  settle(id: number, atMs: number): Promise<void>;
  /** The reserved request was never sent. */
  cancel(id: number): Promise<void>;
}

interface MemoryEntry extends LedgerHold {
  id: number;
  key: string;
}

/** Process-local ledger. Forgets what is older than what it was last asked about. */
export class MemoryRequestLedger implements RequestLedger {
  private entries: MemoryEntry[] = [];
  private nextId = 1;

  async holds(key: string, sinceMs: number): Promise<LedgerHold[]> {
    // Pruning here keeps memory bounded by the quota in a long-running server.
    this.entries = this.entries.filter((entry) => entry.heldUntil > sinceMs || entry.key !== key);
    return this.entries.filter((entry) => entry.key === key).map(({ heldUntil, settled }) => ({ heldUntil, settled }));
  }

  async reserve(key: string, _sentAtMs: number, untilMs: number): Promise<number> {
    const id = this.nextId++;
    this.entries.push({ id, key, heldUntil: untilMs, settled: false });
    return id;
  }

  async settle(id: number, atMs: number): Promise<void> {
    const entry = this.entries.find((e) => e.id === id);
    if (entry) Object.assign(entry, { heldUntil: atMs, settled: true });
  }

  async cancel(id: number): Promise<void> {
    this.entries = this.entries.filter((e) => e.id !== id);
  }
}
