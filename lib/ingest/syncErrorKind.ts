import { ParsecApiError, type FailureKind } from "../parsec/errors";

/**
 * The failures of a sync that pages word in their reader's language (the run's `error` keeps the
 * English message, with its details, for the logs, the API and the reader who opens it): what
 * Parsec's answer was (lib/parsec/errors.ts), or that the run was stopped before it finished.
 */
export const SYNC_ERROR_KINDS = [
  "bad-request",
  "auth",
  "permission",
  "not-found",
  "rate-limited",
  "server",
  "network",
  "tls",
  "timeout",
  "malformed",
  "unexpected-status",
  "stopped",
] as const satisfies readonly (FailureKind | "stopped")[];
export type SyncErrorKind = (typeof SYNC_ERROR_KINDS)[number];

/** The kind of what ended a run; null for a failure we do not name (its English message is all there is). */
export function syncErrorKind(error: unknown, stopped: boolean): SyncErrorKind | null {
  if (stopped) return "stopped";
  return error instanceof ParsecApiError ? error.kind : null;
}

/** A stored kind, or null when the row holds none or one this version does not know. */
export function storedSyncErrorKind(text: string | null): SyncErrorKind | null {
  return (SYNC_ERROR_KINDS as readonly string[]).includes(text ?? "") ? (text as SyncErrorKind) : null;
}
