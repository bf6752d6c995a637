import type { ScenarioRequest } from "./scenarios";

/** The simulator's public types. Other code is written against these: change them with care. */

export interface SimulatorOptions {
  /** Default 1; the same seed and options give a byte-identical history. */
  seed?: number;
  /** Default: a 27-character base62 id derived from the seed. */
  teamId?: string;
  /** Default `tapi_<a key id>.<a secret>`, both derived from the seed; the key id is not the team id. */
  apiKey?: string;
  /** Approximate number of events in the generated history (default 20,000). */
  events?: number;
  /** Team members; default grows with `events` (25 for 20,000). */
  users?: number;
  /** Host computers, personal and shared; default grows with `users`. */
  hosts?: number;
  /** The history ends here (default: the simulated clock's now, at construction). */
  endAt?: Date;
  /** Span of the history in days (default 90). */
  days?: number;
  /** Page order; the real API's is undocumented. Default "newest-first". */
  order?: "newest-first" | "oldest-first";
  /** Rate limit; default the documented 50 per 300,000 ms with a 300,000 ms block. null = off. */
  quota?: { requests: number; windowMs: number; blockMs: number } | null;
  /** Send Retry-After (seconds) on 429; default false, since Parsec's behaviour is undocumented. */
  retryAfterHeader?: boolean;
  /** Invalid events to mix into the history (default 0). */
  malformedEvents?: number;
  /** Demo mode: every so often, serve what the team has done since the history ended (`advanceLive`). */
  liveAppendEveryMs?: number;
  /**
   * The simulated Parsec's clock runs this far ahead of this machine's (negative: behind): its
   * "now" for the history's default end, appends and the live feed, and the Date header of every
   * answer. Default 0.
   */
  clockOffsetMs?: number;
  /**
   * Network latency of each events request, drawn (seeded) between min and max ms, once on the way
   * in (before the quota counts the request's arrival) and once on the way out. Default none.
   */
  latencyMs?: { min: number; max: number } | null;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
}

export type Fault =
  | { kind: "429"; retryAfterSeconds?: number }
  | { kind: "500" }
  | { kind: "502" }
  | { kind: "503" }
  | { kind: "slow"; ms: number }
  | { kind: "malformed-body" }
  | { kind: "reset" };

export interface SimulatorStats {
  /** Requests to the events endpoints (any outcome). */
  requests: number;
  /** Times the quota was exceeded and a block started. */
  quotaBlocks: number;
  /** Requests refused because the key was already blocked. */
  rejectedWhileBlocked: number;
  /** Answers by HTTP status; 0 counts connections reset without an answer. */
  byStatus: Record<number, number>;
}

/** One session of the simulated team, from the simulator's plan (ground truth, not the log). */
export interface SessionTruth {
  attemptId: string;
  clientUserId: number;
  hostComputerName: string;
  /** The client's completion (epoch ms): the session is open from here ... */
  connectedAtMs: number;
  /** ... until the client's disconnect (epoch ms), which may be after the simulated now. */
  endedAtMs: number;
  /** Whether the log holds a disconnect of it; false when both sides' were lost. */
  disconnectLogged: boolean;
}

export interface Simulator {
  /** E.g. "http://127.0.0.1:41234" (no trailing slash). */
  url: string;
  teamId: string;
  apiKey: string;
  /** A valid key of the same team that lacks the Access Audit Log permission (answers 403). */
  apiKeyWithoutPermission: string;
  stats: SimulatorStats;
  /** Events currently served, valid and malformed. */
  count(): number;
  /** Every valid event exactly as served, in ascending id order (lazily: do not append meanwhile). */
  groundTruth(): Iterable<Record<string, unknown>>;
  /**
   * Every connection that got a session (history, appends and live feed), as it really went: when
   * it connected and when it ended, whether or not its events were lost. Start order is not promised.
   */
  sessions(): SessionTruth[];
  /** The malformed events mixed in, as served. */
  malformed(): Record<string, unknown>[];
  /** The simulated Parsec's clock (epoch ms): this machine's plus clockOffsetMs. */
  now(): number;
  /**
   * Adds `count` events at `at` (default the simulated clock's now), or `lateBySeconds` before it; returns them.
   * Later steps of the connections they start (completion, disconnect) are kept for the live feed.
   */
  append(opts: { count: number; at?: Date; lateBySeconds?: number }): Record<string, unknown>[];
  /**
   * Runs the live feed (eventLog.ts advanceLive) up to `at` (default the simulated now): what the
   * team has done since the history ended is served, the same events whenever and however often
   * this is called. The `liveAppendEveryMs` timer calls it; returns the events it released.
   */
  advanceLive(at?: Date): Record<string, unknown>[];
  /**
   * Injects a scenario (lib/parsec/simulator/scenarios.ts) at `at` (default the simulated now): the
   * events an alert rule watches for. Returns them as served.
   */
  injectScenario(request: ScenarioRequest): Record<string, unknown>[];
  /** Queues faults: each of the next requests to the events endpoints consumes one. */
  injectFaults(faults: Fault[]): void;
  /** Random faults per request (seeded); null turns them off. */
  setFaultRates(rates: { rate429?: number; rate5xx?: number; slowRate?: number; slowMs?: number } | null): void;
  resetQuota(): void;
  close(): Promise<void>;
}
