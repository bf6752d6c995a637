"use client";

/** What a page whose query failed shows: the failure, never an empty table that looks like "nothing matches". */
export function RouteError({ title, what, error, retry }: { title: string; what: string; error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <>
      <h1>{title}</h1>
      <div className="notice notice--error" role="alert">
        <strong>{what} could not be loaded.</strong> {error instanceof Error ? error.message : String(error)}
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
