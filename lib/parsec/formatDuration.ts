/** "4m12s", "3.2s", "1h05m": for wait messages shown to the admin. Rounds up, never understates. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "0s";
  if (ms < 10_000) return `${(Math.ceil(ms / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.ceil(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  if (totalSeconds < 3600) {
    const m = Math.floor(totalSeconds / 60);
    return `${m}m${String(totalSeconds % 60).padStart(2, "0")}s`;
  }
  const totalMinutes = Math.ceil(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)}h${String(totalMinutes % 60).padStart(2, "0")}m`;
}
