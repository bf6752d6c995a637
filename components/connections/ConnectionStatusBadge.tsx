import type { ConnectionStatus } from "@/lib/explorerUrl/explorerParams";

const MEANINGS: Record<ConnectionStatus, string> = {
  connecting: "Asked to connect; no completion recorded yet",
  failed: "The attempt completed with a failure code",
  active: "Connected, no disconnect recorded yet",
  ended: "Connected, then disconnected",
  incomplete: "Events the flow should have are missing (or the connection never reported its end)",
};

/** A connection's status, coloured, with what it means on hover. */
export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`badge badge--conn badge--conn-${status}`} title={MEANINGS[status]}>
      {status}
    </span>
  );
}
