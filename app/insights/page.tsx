import type { Metadata } from "next";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { requireAdmin } from "@/app/_auth/requireAdmin";
import { requestZone } from "@/app/_timeline/requestZone";
import { concurrencyPoints, type BarChartModel } from "@/lib/connections/insightsCharts";
import { insightsPageData, type InsightsPageData } from "@/lib/connections/insightsPage";
import { MAX_RANGE_DAYS } from "@/lib/connections/insightsParams";
import { periodHref } from "@/lib/explorerUrl/chartLinks";
import { DEFAULT_EVENT_ORDER, DEFAULT_PAGE_SIZE } from "@/lib/explorerUrl/explorerParams";
import { ParamProblems } from "@/components/events/ParamProblems";
import { BarsChart } from "@/components/insights/BarsChart";
import { ChartTable } from "@/components/insights/ChartTable";
import { ConcurrencyChart } from "@/components/insights/ConcurrencyChart";
import { InsightsFilterBar } from "@/components/insights/InsightsFilterBar";
import { FilterFold } from "@/components/events/FilterFold";
import { activeFilters } from "@/lib/explorerUrl/activeFilters";
import { useChartText } from "@/components/insights/useChartText";
import { LocalTime } from "@/components/LocalTime";
import { formatDayTime, formatInstant, formatShortDuration } from "@/lib/i18n/dateTime";

export async function generateMetadata(): Promise<Metadata> {
  const [t, page] = await Promise.all([getTranslations("Metadata"), getTranslations("Pages")]);
  return { title: t("pageTitle", { page: page("insights") }) };
}

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
    timeZone,
    daysStartAtMidnight,
  } = await insightsPageData(await searchParams, nowMs, { locale: await getLocale(), timeZone: await requestZone() });
  const view = { filters, paging: { limit: DEFAULT_PAGE_SIZE, order: DEFAULT_EVENT_ORDER }, table: "insights" as const };
  const [t, pages] = await Promise.all([getTranslations("Insights"), getTranslations("Pages")]);

  return (
    <>
      <h1>{pages("insights")}</h1>
      <p className="page-intro muted">
        {t.rich("intro", {
          from: () => <LocalTime iso={query.from.toISOString()} />,
          to: () => <LocalTime iso={query.to.toISOString()} />,
          attempts,
          failures,
          sessions: durations.sessions,
          capped: capped ? "yes" : "no",
          days: MAX_RANGE_DAYS,
          zone: timeZone,
          midnight: daysStartAtMidnight ? "yes" : "no",
        })}
      </p>
      <ParamProblems problems={problems} />
      {/* Its filters (time, users, hosts) are the explorer's, counted as the explorer counts them. */}
      <FilterFold active={activeFilters(filters, view.paging, "events").length}>
        <InsightsFilterBar current={view} users={users} hosts={hosts} />
      </FilterFold>
      {attempts === 0 ? (
        <div className="empty" data-testid="insights-empty">
          <strong>{t("emptyTitle")}</strong> {t("emptyHint")}{" "}
          <Link className="button" href="/insights">
            {t("emptyAll")}
          </Link>
        </div>
      ) : (
        <div className="insights">
          <ChartSection id="exit-codes" title={t("exitCodesTitle")} wide model={charts.exitCodes} caption={t("exitCodesCaption")}>
            <BarsChart model={charts.exitCodes} testId="chart-exit-codes" height={340} legend={false} />
            <ExitCodeLegend codes={legend} colors={new Map(charts.exitCodes.series.map((s) => [s.key, s.color]))} />
          </ChartSection>
          <ChartSection id="failing-hosts" title={t("failingHostsTitle")} model={charts.failingHosts} caption={t("failingHostsCaption")}>
            <BarsChart model={charts.failingHosts} horizontal testId="chart-failing-hosts" height={chartHeight(charts.failingHosts)} />
          </ChartSection>
          <ChartSection id="failing-users" title={t("failingUsersTitle")} model={charts.failingUsers} caption={t("failingUsersCaption")}>
            <BarsChart model={charts.failingUsers} horizontal testId="chart-failing-users" height={chartHeight(charts.failingUsers)} />
          </ChartSection>
          <ChartSection id="durations" title={t("durationsTitle")} model={charts.histogram} caption={t("durationsCaption")}>
            <Percentiles p50={durations.p50} p90={durations.p90} p99={durations.p99} />
            <BarsChart model={charts.histogram} testId="chart-durations" />
          </ChartSection>
          <ChartSection id="hours" title={t("hoursTitle")} model={charts.hours} caption={t("hoursCaption")}>
            <BarsChart model={charts.hours} testId="chart-hours" />
          </ChartSection>
          <ChartSection id="user-percentiles" title={t("userPercentilesTitle")} model={charts.userPercentiles} caption={t("userPercentilesCaption")}>
            <BarsChart model={charts.userPercentiles} horizontal testId="chart-user-percentiles" height={chartHeight(charts.userPercentiles)} />
          </ChartSection>
          <ChartSection id="host-percentiles" title={t("hostPercentilesTitle")} model={charts.hostPercentiles} caption={t("hostPercentilesCaption")}>
            <BarsChart model={charts.hostPercentiles} horizontal testId="chart-host-percentiles" height={chartHeight(charts.hostPercentiles)} />
          </ChartSection>
          <section className="insights__chart insights__chart--wide" aria-labelledby="concurrency-heading">
            <h2 id="concurrency-heading">{t("concurrencyTitle")}</h2>
            <SeatChanges changes={seatChanges} timeZone={timeZone} />
            <ConcurrencyChart model={concurrency} testId="chart-concurrency" />
            <details className="chart-table">
              <summary>{t("concurrencyTable", { hours: concurrency.hoursPerPoint })}</summary>
              <ConcurrencyTable model={concurrency} />
            </details>
          </section>
        </div>
      )}
    </>
  );
}

/** The duration percentiles, read from the histogram's buckets. */
function Percentiles(durations: { p50: number | null; p90: number | null; p99: number | null }) {
  const t = useTranslations("Insights");
  const locale = useLocale();
  const shown = (seconds: number | null) => (seconds === null ? "–" : formatShortDuration(seconds, locale));
  return <p className="muted chart-note">{t("percentiles", { p50: shown(durations.p50), p90: shown(durations.p90), p99: shown(durations.p99) })}</p>;
}

/** The team's seat counts and the days they took effect, in the viewer's zone. */
function SeatChanges({ changes, timeZone }: { changes: InsightsPageData["seatChanges"]; timeZone: string }) {
  const t = useTranslations("Insights");
  const locale = useLocale();
  const list = changes.map((c) => t("seatsFrom", { seats: c.seats, day: formatInstant(Date.parse(c.at), timeZone, locale, "day") })).join(", ");
  return <p className="muted chart-note">{changes.length ? t("seats", { list }) : t("seatsUnknown")}</p>;
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
  const t = useTranslations("Insights");
  return (
    <section className={`insights__chart${wide ? " insights__chart--wide" : ""}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {model.rows.length === 0 ? <p className="empty">{t("nothingToShow")}</p> : children}
      {model.rows.length > 0 && <ChartTable model={model} caption={caption} />}
    </section>
  );
}

/** Codes listed before the rest fold away: the most frequent ones say most of the story. */
const LEGEND_SHOWN = 12;

/** The exit codes of the range with their meanings, most frequent first: the chart's legend in words. */
function ExitCodeLegend({ codes, colors }: { codes: InsightsPageData["exitCodeLegend"]; colors: Map<string, string> }) {
  const t = useTranslations("Insights");
  const charts = useTranslations("ChartText");
  const text = useChartText();
  const format = useFormatter();
  const item = (code: (typeof codes)[number]) => (
    <li key={code.key}>
      <span className="chart-swatch" style={{ background: colors.get(code.key) ?? colors.get("other") }} aria-hidden />
      <span>
        <Link href={code.href} prefetch={false}>
          <strong>{text.label(code.label)}</strong>
        </Link>{" "}
        <span className="muted">
          ({format.number(code.total)}) {code.meaning || charts("noCompletionNote")}
        </span>
      </span>
    </li>
  );
  return (
    <div data-testid="exit-code-legend">
      <ul className="code-legend">{codes.slice(0, LEGEND_SHOWN).map(item)}</ul>
      {codes.length > LEGEND_SHOWN && (
        <details className="chart-table">
          <summary>{t("moreCodes", { count: codes.length - LEGEND_SHOWN })}</summary>
          <ul className="code-legend">{codes.slice(LEGEND_SHOWN).map(item)}</ul>
        </details>
      )}
    </div>
  );
}

/** The busiest periods of the concurrency chart, each linking to the connections that started in it. */
function ConcurrencyTable({ model }: { model: InsightsPageData["concurrency"] }) {
  const t = useTranslations("Insights");
  const format = useFormatter();
  const locale = useLocale();
  const periodMs = model.hoursPerPoint * 3_600_000;
  const busiest = concurrencyPoints(model)
    .sort((a, b) => b.overlapping - a.overlapping || b.average - a.average)
    .slice(0, 24);
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t("periodColumn", { hours: model.hoursPerPoint })}</th>
            <th scope="col" className="num">
              {t("openOnAverage")}
            </th>
            <th scope="col" className="num">
              {t("openAtSomeMoment")}
            </th>
            <th scope="col" className="num">
              {t("seatsColumn")}
            </th>
          </tr>
        </thead>
        <tbody>
          {busiest.map((point) => (
            <tr key={point.at}>
              <th scope="row">
                <a href={periodHref(model.scope, point.at, periodMs)}>{formatDayTime(point.at, model.timeZone, locale)}</a>
              </th>
              <td className="num">{format.number(point.average, { maximumFractionDigits: 1 })}</td>
              <td className="num">{point.overlapping}</td>
              <td className="num">{point.seats ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
