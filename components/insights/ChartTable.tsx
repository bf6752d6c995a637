"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { BarChartModel } from "@/lib/connections/insightsCharts";
import { chartBarHref } from "@/lib/explorerUrl/chartLinks";
import { useChartText } from "./useChartText";

/**
 * A chart's data as a table, inside <details>: readable without the chart, every number linking to
 * its connections. The table is made when the details are opened, from the model the chart
 * already has: a year of days by a dozen exit codes is thousands of cells and links, which every
 * view of /insights would otherwise send (they were most of its 1 MB). Plain <a> links, not
 * next/link: the browser need not hydrate a component for each.
 */
export function ChartTable({ model, caption }: { model: BarChartModel; caption: string }) {
  const [open, setOpen] = useState(false);
  const t = useTranslations("ChartText");
  return (
    <details className="chart-table" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t("table")}</summary>
      {open && <ChartTableBody model={model} caption={caption} />}
    </details>
  );
}

function ChartTableBody({ model, caption }: { model: BarChartModel; caption: string }) {
  const t = useTranslations("ChartText");
  const text = useChartText();
  const format = useFormatter();
  const number = (value: number) => format.number(value, { maximumFractionDigits: 1 });
  const shownSeries = model.series.filter((s) => model.rows.some((row) => (row.values[s.key] ?? 0) > 0));
  return (
    <>
      <div className="table-wrap">
        <table className="table table--compact">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" />
              {shownSeries.map((s) => (
                <th key={s.key} scope="col" className="num" title={s.note}>
                  {text.label(s.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {model.rows.map((row, index) => (
              <tr key={index}>
                <th scope="row">{row.pageHref ? <a href={row.pageHref}>{text.label(row.label)}</a> : text.label(row.label)}</th>
                {shownSeries.map((s) => {
                  const value = row.values[s.key] ?? 0;
                  const href = chartBarHref(model.scope, row, s);
                  return (
                    <td key={s.key} className="num">
                      {value > 0 && href ? <a href={href}>{number(value)}</a> : number(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("valuesIn", { unit: text.unit(model.unit) })}</p>
    </>
  );
}
