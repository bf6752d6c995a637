import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { requireAdmin } from "@/app/_auth/requireAdmin";
import { concurrencyPoints, shortDuration, type BarChartModel } from "@/lib/connections/insightsCharts";
import { insightsPageData, type InsightsPageData } from "@/lib/connections/insightsPage";
import { MAX_RANGE_DAYS } from "@/lib/connections/insightsParams";
import { periodHref } from "@/lib/explorerUrl/chartLinks";
import { DEFAULT_EVENT_ORDER, DEFAULT_PAGE_SIZE } from "@/lib/explorerUrl/explorerParams";
import { ParamProblems } from "@/components/events/ParamProblems";
import { BarsChart } from "@/components/insights/BarsChart";
import { ChartTable } from "@/components/insights/ChartTable";
import { ConcurrencyChart } from "@/components/insights/ConcurrencyChart";
import { InsightsFilterBar } from "@/components/insights/InsightsFilterBar";
import { LocalTime } from "@/components/LocalTime";

export const metadata: Metadata = { title: "Insights · Parsec audit log" };

const number = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

export default async function InsightsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  await connection(); // rendered per request: the rollups change as the sync runs
  const nowMs = Date.now();
  const {
    query,
    filters,
    problems,
    capped,
    users,
    hosts,
    durations,
    charts,
    exitCodeLegend: legend,
    seatChanges,
    concurrency,
    attempts,
    failures,
  } = await insightsPageData(await searchParams, nowMs);
  const view = { filters, paging: { limit: DEFAULT_PAGE_SIZE, order: DEFAULT_EVENT_ORDER }, table: "insights" as const };

  return (
    <>
      <h1>Insights</h1>
      <p className="page-intro muted">
        <LocalTime iso={query.from.toISOString()} /> to <LocalTime iso={query.to.toISOString()} /> · {number.format(attempts)} attempts,{" "}
        {number.format(failures)} failed, {number.format(durations.sessions)} sessions with a duration
        {capped && ` (the last ${MAX_RANGE_DAYS} days of a longer history)`}. Charts count connections by the UTC day (or hour) they started; click a bar for
        its connections.
      </p>
      <ParamProblems problems={problems} />
      <InsightsFilterBar current={view} users={users} hosts={hosts} />
      {attempts === 0 ? (
        <div className="empty" data-testid="insights-empty">
          <strong>No connections in this range.</strong> Widen the time range or remove a filter.{" "}
          <Link className="button" href="/insights">
            All of the history, everyone
          </Link>
        </div>
      ) : (
        <div className="insights">
          <ChartSection id="exit-codes" title="Exit codes over time" wide model={charts.exitCodes} caption="Completion exit codes per UTC day">
            <BarsChart model={charts.exitCodes} testId="chart-exit-codes" height={340} legend={false} />
            <ExitCodeLegend codes={legend} colors={new Map(charts.exitCodes.series.map((s) => [s.key, s.color]))} />
          </ChartSection>
          <ChartSection id="failing-hosts" title="Top failing hosts" model={charts.failingHosts} caption="Hosts by failed attempts">
            <BarsChart model={charts.failingHosts} horizontal testId="chart-failing-hosts" height={chartHeight(charts.failingHosts)} />
          </ChartSection>
          <ChartSection id="failing-users" title="Top failing users" model={charts.failingUsers} caption="Users by failed attempts">
            <BarsChart model={charts.failingUsers} horizontal testId="chart-failing-users" height={chartHeight(charts.failingUsers)} />
          </ChartSection>
          <ChartSection id="durations" title="Connection durations" model={charts.histogram} caption="Sessions by duration">
            <p className="muted chart-note">
              p50 {percentile(durations.p50)} · p90 {percentile(durations.p90)} · p99 {percentile(durations.p99)} (from the histogram, within 19%)
            </p>
            <BarsChart model={charts.histogram} testId="chart-durations" />
          </ChartSection>
          <ChartSection id="hours" title="Hours connected per user per day" model={charts.hours} caption="Connected hours per UTC day, by user">
            <BarsChart model={charts.hours} testId="chart-hours" />
          </ChartSection>
          <ChartSection
            id="user-percentiles"
            title="Session length per user (minutes)"
            model={charts.userPercentiles}
            caption="p50, p90 and p99 of session minutes per user"
          >
            <BarsChart model={charts.userPercentiles} horizontal testId="chart-user-percentiles" height={chartHeight(charts.userPercentiles)} />
          </ChartSection>
          <ChartSection
            id="host-percentiles"
            title="Session length per host (minutes)"
            model={charts.hostPercentiles}
            caption="p50, p90 and p99 of session minutes per host"
          >
            <BarsChart model={charts.hostPercentiles} horizontal testId="chart-host-percentiles" height={chartHeight(charts.hostPercentiles)} />
          </ChartSection>
          <section className="insights__chart insights__chart--wide" aria-labelledby="concurrency-heading">
            <h2 id="concurrency-heading">Concurrent connections and seats</h2>
            <p className="muted chart-note">
              Seats:{" "}
              {seatChanges.length
                ? seatChanges.map((c) => `${c.seats} from ${c.at.slice(0, 10)}`).join(", ")
                : "unknown (no team_create or seat change stored)"}
              .
            </p>
            <ConcurrencyChart model={concurrency} testId="chart-concurrency" />
            <details className="chart-table">
              <summary>Table of this chart (busiest {concurrency.hoursPerPoint > 1 ? `periods of ${concurrency.hoursPerPoint} hours` : "hours"})</summary>
              <ConcurrencyTable model={concurrency} />
            </details>
          </section>
        </div>
      )}
    </>
  );
}

function percentile(seconds: number | null): string {
  return seconds === null ? "–" : shortDuration(seconds);
}

/** Horizontal bar charts grow with their rows so that every name stays readable. */
function chartHeight(model: BarChartModel): number {
  return Math.max(160, 60 + model.rows.length * 28);
}

function ChartSection({
  id,
  title,
  wide = false,
  model,
  caption,
  children,
}: {
  id: string;
  title: string;
  wide?: boolean;
  model: BarChartModel;
  caption: string;
  children: ReactNode;
}) {
  return (
    <section className={`insights__chart${wide ? " insights__chart--wide" : ""}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {model.rows.length === 0 ? <p className="empty">Nothing to show in this range.</p> : children}
      {model.rows.length > 0 && <ChartTable model={model} caption={caption} />}
    </section>
  );
}

/** Codes listed before the rest fold away: the most frequent ones say most of the story. */
const LEGEND_SHOWN = 12;

/** The exit codes of the range with their meanings, most frequent first: the chart's legend in words. */
function ExitCodeLegend({ codes, colors }: { codes: InsightsPageData["exitCodeLegend"]; colors: Map<string, string> }) {
  const item = (code: (typeof codes)[number]) => (
    <li key={code.key}>
      <span className="chart-swatch" style={{ background: colors.get(code.key) ?? colors.get("other") }} aria-hidden />
      <span>
        <Link href={code.href} prefetch={false}>
          <strong>{code.label}</strong>
        </Link>{" "}
        <span className="muted">
          ({number.format(code.total)}) {code.meaning}
        </span>
      </span>
    </li>
  );
  return (
    <div data-testid="exit-code-legend">
      <ul className="code-legend">{codes.slice(0, LEGEND_SHOWN).map(item)}</ul>
      {codes.length > LEGEND_SHOWN && (
        <details className="chart-table">
          <summary>{codes.length - LEGEND_SHOWN} more codes</summary>
          <ul className="code-legend">{codes.slice(LEGEND_SHOWN).map(item)}</ul>
        </details>
      )}
    </div>
  );
}

/** The busiest periods of the concurrency chart, each linking to the connections that started in it. */
function ConcurrencyTable({ model }: { model: InsightsPageData["concurrency"] }) {
  const periodMs = model.hoursPerPoint * 3_600_000;
  const busiest = concurrencyPoints(model)
    .sort((a, b) => b.overlapping - a.overlapping || b.average - a.average)
    .slice(0, 24);
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{model.hoursPerPoint > 1 ? "Period from (UTC)" : "Hour (UTC)"}</th>
            <th scope="col" className="num">
              Open on average
            </th>
            <th scope="col" className="num">
              Open at some moment
            </th>
            <th scope="col" className="num">
              Seats
            </th>
          </tr>
        </thead>
        <tbody>
          {busiest.map((point) => (
            <tr key={point.at}>
              <th scope="row">
                <a href={periodHref(model.scope, point.at, periodMs)}>{new Date(point.at).toISOString().slice(0, 13).replace("T", " ")}:00</a>
              </th>
              <td className="num">{number.format(point.average)}</td>
              <td className="num">{point.overlapping}</td>
              <td className="num">{point.seats ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
