"use client";

/** What a failed query shows: the failure, never an empty table that looks like "no events". */
export default function EventsError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <>
      <h1>Events</h1>
      <div className="notice notice--error" role="alert">
        <strong>The events could not be loaded.</strong>{" "}
        {error instanceof Error ? error.message : String(error)}
        {digest && <span className="muted"> (server log reference {digest})</span>}
        <div>
          <button type="button" className="button" onClick={() => retry()}>
            Try again
          </button>
        </div>
      </div>
    </>
  );
}
