import { ParsecApiError, RateLimitedError, ServerError, TimeoutError } from "./errors";
import { eventsEndpoint, eventsUrl } from "./eventsUrl";
import { formatDuration } from "./formatDuration";
import { DEFAULT_QUOTA, RateLimiter, type Quota } from "./rateLimiter";
import { networkError, readResponse, type ResponseContext } from "./readResponse";
import { readClock, type ClockReading } from "./parsecClock";
import { apiKeySecrets } from "./redactSecrets";
import { MemoryRequestLedger, type RequestLedger } from "./requestLedger";
import { DEFAULT_RETRY_OPTIONS, retryPolicy, type RetryOptions } from "./retryPolicy";
import type { EventsPage } from "./schemas";
import { sleep as realSleep } from "./sleep";

export interface WaitNotice {
  reason: "quota" | "rate-limited" | "retry";
  ms: number;
  detail: string;
}

export interface ParsecClientOptions {
  /** e.g. "https://api.parsec.app" or "http://127.0.0.1:4010"; a path prefix is kept. */
  baseUrl: string;
  apiKey: string;
  teamId: string;
  /** Default "v1". */
  apiVersion?: "v1" | "v2";
  /** Default DEFAULT_QUOTA (40 per 300 s); null turns pacing off. */
  quota?: Quota | null;
  /** Wait after a 429 without Retry-After. Default 300_000 (the documented block). */
  blockMs?: number;
  /** Whole request, body included. Default 30_000. */
  timeoutMs?: number;
  /** Attempts per page for 5xx, network errors, timeouts and malformed bodies. Default 5. */
  maxAttempts?: number;
  /** 429s in a row per page before giving up. Default 3. */
  max429?: number;
  /** Default: one ledger shared by every client of this process. */
  ledger?: RequestLedger;
  onWait?: (w: WaitNotice) => void;
  /** Called at each 429 answer, whether it is retried or ends the request (for /metrics). */
  onRateLimited?: () => void;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Wall clock (epoch ms): ledger entries are compared across processes. */
  now?: () => number;
  random?: () => number;
}

export interface ListEventsParams {
  /** 1 to 1000. */
  limit: number;
  /** RFC 3339 with offset, sent as given. */
  startAt?: string;
  endAt?: string;
  userId?: number;
  eventNames?: string[];
  /** Id of the first event of the page, inclusive. */
  cursor?: string;
  /** Id of the event after which the page starts, exclusive. */
  after?: string;
}

export interface EventsPageResult {
  /** Not validated here: the sync checks each event and quarantines bad ones. */
  events: unknown[];
  nextCursor: string | null;
  /** Parsec's clock as its answer's Date header showed it, beside ours; null without a usable header. */
  clock: ClockReading | null;
  /** Duration of the successful attempt (request and body), by `now`. */
  requestMs: number;
  /** HTTP attempts made for this page, the successful one included. */
  attempts: number;
}

// Clients made one after another in one process (a sync run per schedule tick) must still see
// each other's requests, so the default memory is per process, not per client.
const processLedger = new MemoryRequestLedger();

export class ParsecClient {
  /** Key under which this client's requests are recorded in the ledger. */
  readonly ledgerKey: string;
  /** Parsec's clock as the newest successful answer showed it. */
  latestClock: ClockReading | null = null;

  private readonly endpoint: URL;
  private readonly apiKey: string;
  private readonly teamId: string;
  private readonly secrets: string[];
  private readonly timeoutMs: number;
  private readonly retryOptions: RetryOptions;
  private readonly limiter: RateLimiter;
  private readonly onWait?: (w: WaitNotice) => void;
  private readonly onRateLimited?: () => void;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(options: ParsecClientOptions) {
    // A key fetch refuses as a header value would make fetch throw a message quoting it.
    if (!/^[\x21-\x7e]+$/.test(options.apiKey ?? "")) {
      throw new TypeError("The Parsec API key is empty or contains spaces or non-ASCII characters (check PARSEC_API_KEY).");
    }
    if (!options.teamId) throw new TypeError("The Parsec team id is empty (check PARSEC_TEAM_ID).");
    this.apiKey = options.apiKey;
    this.teamId = options.teamId;
    this.secrets = apiKeySecrets(options.apiKey);
    this.endpoint = eventsEndpoint(options.baseUrl, options.apiVersion ?? "v1", options.teamId);
    // v1 and v2 share a key: if Parsec counts them together, separate budgets would overrun it.
    this.ledgerKey = `parsec-events ${this.endpoint.origin} team=${options.teamId}`;

    this.timeoutMs = positive("timeoutMs", options.timeoutMs ?? 30_000);
    this.retryOptions = {
      ...DEFAULT_RETRY_OPTIONS,
      blockMs: nonNegative("blockMs", options.blockMs ?? DEFAULT_RETRY_OPTIONS.blockMs),
      maxAttempts: positiveInteger("maxAttempts", options.maxAttempts ?? DEFAULT_RETRY_OPTIONS.maxAttempts),
      max429: positiveInteger("max429", options.max429 ?? DEFAULT_RETRY_OPTIONS.max429),
    };
    // A configured block longer than our give-up threshold must still be waited out.
    this.retryOptions.maxRetryAfterMs = Math.max(this.retryOptions.maxRetryAfterMs, this.retryOptions.blockMs);
    this.onWait = options.onWait;
    this.onRateLimited = options.onRateLimited;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.limiter = new RateLimiter({
      key: this.ledgerKey,
      quota: options.quota === undefined ? DEFAULT_QUOTA : options.quota,
      ledger: options.ledger ?? processLedger,
      // A request the timeout gave up on may still have reached Parsec just before.
      maxRequestMs: this.timeoutMs + 1_000,
      now: this.now,
      sleep: this.sleep,
      onWait: (ms, detail) => this.notify({ reason: "quota", ms, detail }),
    });
  }

  /** One page, paced below the quota and retried as retryPolicy says. */
  async listEvents(params: ListEventsParams, signal?: AbortSignal): Promise<EventsPageResult> {
    const url = eventsUrl(this.endpoint, params);
    let attempts = 0;
    let failures = 0;
    let consecutive429 = 0;
    for (;;) {
      signal?.throwIfAborted();
      const permit = await this.limiter.acquire(signal);
      attempts += 1;
      const startedAt = this.now();
      let answer: { page: EventsPage; clock: ClockReading | null };
      try {
        answer = await this.fetchPage(url, signal).finally(() => permit.settle().catch(() => undefined));
      } catch (error) {
        // The caller's abort reason, as is.
        if (!(error instanceof ParsecApiError)) throw error;
        error.attempts = attempts;
        let budgetUsed: number;
        if (error.kind === "rate-limited") {
          this.onRateLimited?.();
          consecutive429 += 1;
          budgetUsed = consecutive429;
        } else {
          consecutive429 = 0;
          failures += 1;
          budgetUsed = failures;
        }
        const decision = retryPolicy({ kind: error.kind, retryAfterMs: retryAfterOf(error) }, budgetUsed, this.retryOptions, this.random);
        if (!decision.retry) {
          if (attempts > 1) error.message += ` Gave up after ${attempts} attempts.`;
          throw error;
        }
        this.notify({
          reason: decision.reason,
          ms: decision.delayMs,
          detail:
            decision.reason === "rate-limited"
              ? `Parsec rate-limited the API key (429); waiting ${formatDuration(decision.delayMs)} ` +
                `before trying again (${consecutive429} of ${this.retryOptions.max429} tries)`
              : `${error.message} Retrying in ${formatDuration(decision.delayMs)} ` + `(attempt ${failures + 1} of ${this.retryOptions.maxAttempts})`,
        });
        await this.sleep(decision.delayMs, signal);
        continue;
      }
      const { page, clock } = answer;
      if (clock) this.latestClock = clock;
      return {
        events: page.data,
        nextCursor: page.next_cursor ? page.next_cursor : null,
        clock,
        requestMs: this.now() - startedAt,
        attempts,
      };
    }
  }

  /** One HTTP attempt. Throws a ParsecApiError, or the caller's abort reason. */
  private async fetchPage(url: URL, signal: AbortSignal | undefined): Promise<{ page: EventsPage; clock: ClockReading | null }> {
    signal?.throwIfAborted();
    // One controller fed by both the timer and the caller, rather than AbortSignal.timeout/any:
    // the timer is cleared on success, and nothing stays attached to the caller's long-lived
    // signal after the attempt.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    let status: number;
    let headers: Headers;
    let body: string;
    let receivedAtMs: number;
    const sentAtMs = this.now();
    try {
      const response = await this.fetchImpl(url, {
        method: "GET",
        headers: {
          Authorization: `Bearer ${this.apiKey}`,
          Accept: "application/json",
        },
        // Following a redirect could hand the key to another host; an error tells the admin instead.
        redirect: "manual",
        signal: controller.signal,
      });
      status = response.status;
      headers = response.headers;
      receivedAtMs = this.now();
      // Read under the same signal: the timeout covers a body that trickles in too.
      body = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) throw new TimeoutError(this.timeoutMs);
      throw networkError(error, this.responseContext());
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    const page = readResponse(status, headers, body, this.responseContext());
    return { page, clock: readClock(headers.get("date"), sentAtMs, receivedAtMs) };
  }

  private responseContext(): ResponseContext {
    return {
      teamId: this.teamId,
      origin: this.endpoint.origin,
      secrets: this.secrets,
      blockMs: this.retryOptions.blockMs,
      nowMs: this.now(),
    };
  }

  private notify(notice: WaitNotice): void {
    try {
      this.onWait?.(notice);
    } catch {
      // A display callback failing must not fail the sync.
    }
  }
}

function retryAfterOf(error: ParsecApiError): number | undefined {
  if (error instanceof RateLimitedError || error instanceof ServerError) return error.retryAfterMs;
  return undefined;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  return value;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
