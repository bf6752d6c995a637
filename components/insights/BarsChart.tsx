"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormatter, useTranslations } from "next-intl";
import type { BarChartModel, ChartSeries } from "@/lib/connections/insightsCharts";
import { chartBarHref } from "@/lib/explorerUrl/chartLinks";
import { useChartText } from "./useChartText";

/** The hovered bar's values, largest first, each with its series' explanation (an exit code's meaning). */
function SeriesTooltip({
  active,
  label,
  payload,
  series,
  unit,
}: {
  active?: boolean;
  label?: string | number;
  payload?: readonly { dataKey?: unknown; value?: unknown; color?: string }[];
  series: ChartSeries[];
  unit: string;
}) {
  const t = useTranslations("ChartText");
  const text = useChartText();
  const format = useFormatter();
  if (!active || !payload?.length) return null;
  const entries = payload
    .map((item) => ({ series: series.find((s) => s.key === item.dataKey), value: Number(item.value) }))
    .filter((entry): entry is { series: ChartSeries; value: number } => entry.series !== undefined && entry.value > 0)
    .sort((a, b) => b.value - a.value);
  return (
    <div className="chart-tooltip">
      <strong>{label}</strong>
      {entries.length === 0 && <div className="muted">{t("none")}</div>}
      {entries.map(({ series: s, value }) => (
        <div key={s.key} className="chart-tooltip__entry">
          <span className="chart-swatch" style={{ background: s.color }} aria-hidden /> {text.label(s.label)}:{" "}
          <strong>{format.number(value, { maximumFractionDigits: 1 })}</strong> {unit}
          {(s.note || (s.label.kind === "exitCode" && s.label.code === null)) && <div className="chart-tooltip__note">{s.note || t("noCompletionNote")}</div>}
        </div>
      ))}
      <div className="chart-tooltip__hint muted">{t("clickHint")}</div>
    </div>
  );
}

/**
 * A bar chart of a server-made model (lib/connections/insightsCharts): stacked or grouped,
 * vertical bars over time or horizontal bars per name. Clicking a bar opens the connections
 * behind it. The table fallback beside it is rendered on the server.
 */
export function BarsChart({
  model,
  horizontal = false,
  height = 300,
  legend = true,
  testId,
}: {
  model: BarChartModel;
  horizontal?: boolean;
  height?: number;
  /** False where the page shows its own legend (the exit codes, with their meanings). */
  legend?: boolean;
  testId: string;
}) {
  const router = useRouter();
  const text = useChartText();
  const unit = text.unit(model.unit);
  const data = model.rows.map((row) => ({ label: text.label(row.label), ...row.values }));
  // A Japanese character is about twice as wide as a Latin one.
  const width = (label: string) => [...label].reduce((sum, char) => sum + (char.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const longestLabel = Math.max(0, ...data.map((row) => width(row.label)));
  return (
    <div className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={horizontal} horizontal={!horizontal} />
          {horizontal ? (
            <>
              <XAxis type="number" allowDecimals={model.unit !== "attempts" && model.unit !== "sessions"} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="label" width={Math.min(220, 14 + longestLabel * 7)} tick={{ fontSize: 12 }} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={8} />
              <YAxis
                allowDecimals={model.unit !== "attempts" && model.unit !== "sessions"}
                tick={{ fontSize: 12 }}
                width={48}
                label={{ value: unit, angle: -90, position: "insideLeft", fontSize: 12 }}
              />
            </>
          )}
          <Tooltip content={<SeriesTooltip series={model.series} unit={unit} />} cursor={{ fillOpacity: 0.15 }} />
          {legend && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {model.series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={text.label(s.label)}
              fill={s.color}
              stackId={model.stacked ? "stack" : undefined}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(_item, index) => {
                const row = model.rows[index];
                const href = row ? chartBarHref(model.scope, row, s) : null;
                if (href) router.push(href);
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
