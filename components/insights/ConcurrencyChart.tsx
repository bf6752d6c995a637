"use client";

import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { concurrencyPoints, type ConcurrencyChartModel } from "@/lib/connections/insightsCharts";
import { periodHref } from "@/lib/explorerUrl/chartLinks";
import { formatDayTime } from "@/lib/i18n/dateTime";

const HOUR_MS = 3_600_000;

/**
 * Connections open per hour (or per few hours, over long ranges: on average, and at some
 * moment) against the team's seat count. Clicking the chart opens the connections that started
 * in the period under the pointer.
 */
export function ConcurrencyChart({ model, testId }: { model: ConcurrencyChartModel; testId: string }) {
  const router = useRouter();
  const t = useTranslations("ChartText");
  const locale = useLocale();
  const axisTime = (ms: number) => formatDayTime(ms, model.timeZone, locale);
  const periodMs = model.hoursPerPoint * HOUR_MS;
  const points = useMemo(() => concurrencyPoints(model), [model]);
  return (
    <div className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart
          data={points}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          onClick={(state) => {
            const point = points[Number(state.activeTooltipIndex)];
            if (point) router.push(periodHref(model.scope, point.at, periodMs));
          }}
          style={{ cursor: "pointer" }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="at" tickFormatter={axisTime} tick={{ fontSize: 12 }} minTickGap={40} />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 12 }}
            width={40}
            label={{ value: t("connectionsAxis"), angle: -90, position: "insideLeft", fontSize: 12 }}
          />
          <Tooltip labelFormatter={(label) => t("concurrencyPeriod", { time: axisTime(Number(label)), hours: model.hoursPerPoint })} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area type="monotone" dataKey="average" name={t("openOnAverage")} fill="#3a5bd9" fillOpacity={0.25} stroke="#3a5bd9" isAnimationActive={false} />
          <Line type="monotone" dataKey="overlapping" name={t("openAtSomeMoment")} stroke="#1f9d55" dot={false} strokeWidth={1} isAnimationActive={false} />
          <Line
            type="stepAfter"
            dataKey="seats"
            name={t("teamSeats")}
            stroke="#c0392b"
            strokeDasharray="6 4"
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
            connectNulls
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
