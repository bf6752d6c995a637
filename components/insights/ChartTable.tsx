import type { BarChartModel } from "@/lib/connections/insightsCharts";
import { chartBarHref } from "@/lib/explorerUrl/chartLinks";

const number = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/**
 * A chart's data as a table, inside <details>: readable without the chart, every number linking to
 * its connections. Plain <a> links, not next/link: the tables of a long range hold thousands of
 * them, and the browser need not hydrate a client component for each.
 */
export function ChartTable({ model, caption }: { model: BarChartModel; caption: string }) {
  const shownSeries = model.series.filter((s) => model.rows.some((row) => (row.values[s.key] ?? 0) > 0));
  return (
    <details className="chart-table">
      <summary>Table of this chart</summary>
      <div className="table-wrap">
        <table className="table table--compact">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" />
              {shownSeries.map((s) => (
                <th key={s.key} scope="col" className="num" title={s.note}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {model.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">
                  {row.pageHref ? (
                    <a href={row.pageHref}>{row.label}</a>
                  ) : (
                    row.label
                  )}
                </th>
                {shownSeries.map((s) => {
                  const value = row.values[s.key] ?? 0;
                  const href = chartBarHref(model.scope, row, s);
                  return (
                    <td key={s.key} className="num">
                      {value > 0 && href ? <a href={href}>{number.format(value)}</a> : number.format(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">Values in {model.unit}.</p>
    </details>
  );
}
