import type { SyncRunView } from "@/lib/sync/getSyncStatus";
import { LocalTime } from "./LocalTime";

export function SyncRunsTable({ runs }: { runs: SyncRunView[] }) {
  if (runs.length === 0) return <p className="empty">No sync or import has run yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Started</th>
            <th>Kind</th>
            <th>Status</th>
            <th className="num">Pages</th>
            <th className="num">Fetched</th>
            <th className="num">New</th>
            <th className="num">Updated</th>
            <th className="num">Quarantined</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>#{run.id}</td>
              <td>
                <LocalTime iso={run.startedAt} />
              </td>
              <td>
                {run.kind}
                {run.mode ? ` · ${run.mode}` : ""} <span className="muted">({run.trigger})</span>
              </td>
              <td>
                <span className={`badge badge--${run.status}`}>{run.status}</span>
              </td>
              <td className="num">{run.pages}</td>
              <td className="num">{run.fetched}</td>
              <td className="num">{run.inserted}</td>
              <td className="num">{run.updated}</td>
              <td className="num">{run.quarantined}</td>
              <td className="error-text">{run.error}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
