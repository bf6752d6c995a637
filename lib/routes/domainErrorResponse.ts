import { FilterError } from "../events/eventFilters";
import { ImportFileError } from "../ingest/importEvents";
import { UploadTooLargeError } from "../ingest/importUpload";
import { ParsecApiError } from "../parsec/errors";
import { StoreUnavailableError } from "../server/checkHealth";
import { SyncAlreadyRunningError } from "../ingest/syncLock";
import { SyncFailedError } from "../sync/syncTeamEvents";
import { IngestRunnerStoppedError } from "../runner/runnerProtocol";
import { problemResponse } from "../http/problemResponse";
import { BadParameterError, MethodNotAllowedError, ResourceNotFoundError } from "../http/requestErrors";

interface ErrorAnswer<E extends Error> {
  type: abstract new (...args: never[]) => E;
  status: number;
  /** Fields the envelope carries beside `message`. */
  details?: (error: E) => Record<string, unknown>;
  headers?: (error: E) => HeadersInit;
}

const answer = <E extends Error>(spec: ErrorAnswer<E>) => spec as unknown as ErrorAnswer<Error>;

/**
 * Every domain error a route may meet and the HTTP answer it gets: the one place that decides,
 * so that a route never catches one itself. The first entry the error is an instance of wins, so
 * a subclass comes before its parent. Every message is written for the person reading it and
 * holds no secret (see each error's module), so it goes out as it is.
 */
export const DOMAIN_ERROR_ANSWERS: readonly ErrorAnswer<Error>[] = [
  answer({ type: FilterError, status: 400 }),
  answer({ type: BadParameterError, status: 400 }),
  answer({ type: UploadTooLargeError, status: 413 }),
  answer({ type: ImportFileError, status: 400 }),
  answer({ type: ResourceNotFoundError, status: 404 }),
  answer({ type: MethodNotAllowedError, status: 405, headers: (error) => ({ allow: error.allowed.join(", ") }) }),
  answer({ type: SyncAlreadyRunningError, status: 409 }),
  answer({ type: SyncFailedError, status: 502, details: (error) => ({ status: "failed", runId: error.runId }) }),
  // Parsec refused the key, or did not answer: the gateway's fault, not the caller's.
  answer({ type: ParsecApiError, status: 502 }),
  answer({ type: StoreUnavailableError, status: 503, details: () => ({ status: "error" }) }),
  // The thread that runs the write path stopped mid-request (it is started again): try again.
  answer({ type: IngestRunnerStoppedError, status: 503 }),
];

/** The answer to a domain error, or null when `error` is none (a bug: the route handler answers 500). */
export function domainErrorResponse(error: unknown): Response | null {
  const match = DOMAIN_ERROR_ANSWERS.find((entry) => error instanceof entry.type);
  if (!match) return null;
  const domainError = error as Error;
  return problemResponse(match.status, domainError.message, match.details?.(domainError), match.headers?.(domainError));
}
