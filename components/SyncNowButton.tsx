import { CsrfField } from "./auth/CsrfField";

const OUTCOMES: Record<string, string> = {
  started: "Sync started: its progress shows below.",
  running: "A sync is already running: its progress shows below.",
};

/** Starts a sync by hand (a POST with the CSRF token, so another site cannot press it). */
export function SyncNowButton({ action, csrfToken, outcome }: { action: (data: FormData) => Promise<void>; csrfToken: string; outcome?: string }) {
  const message = outcome ? OUTCOMES[outcome] : undefined;
  return (
    <form action={action} className="sync-now">
      <CsrfField token={csrfToken} />
      <button type="submit" className="button">
        Sync now
      </button>
      {message && (
        <span role="status" className="muted">
          {message}
        </span>
      )}
    </form>
  );
}
