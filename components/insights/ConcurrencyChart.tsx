"use client";

import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { concurrencyPoints, type ConcurrencyChartModel } from "@/lib/connections/insightsCharts";
import { MONTHS } from "@/lib/connections/zonedTime";
import { periodHref } from "@/lib/explorerUrl/chartLinks";

const HOUR_MS = 3_600_000;
const axisTime = (ms: number) => {
  const date = new Date(ms);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${String(date.getUTCHours()).padStart(2, "0")}:00`;
};

/**
 * Connections open per UTC hour (or per few hours, over long ranges: on average, and at some
 * moment) against the team's seat count. Clicking the chart opens the connections that started
 * in the period under the pointer.
 */
export function ConcurrencyChart({ model, testId }: { model: ConcurrencyChartModel; testId: string }) {
  const router = useRouter();
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
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} label={{ value: "connections", angle: -90, position: "insideLeft", fontSize: 12 }} />
          <Tooltip labelFormatter={(label) => `${axisTime(Number(label))} UTC${model.hoursPerPoint > 1 ? ` (${model.hoursPerPoint} hours)` : ""}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area type="monotone" dataKey="average" name="open on average" fill="#3a5bd9" fillOpacity={0.25} stroke="#3a5bd9" isAnimationActive={false} />
          <Line type="monotone" dataKey="overlapping" name="open at some moment" stroke="#1f9d55" dot={false} strokeWidth={1} isAnimationActive={false} />
          <Line
            type="stepAfter"
            dataKey="seats"
            name="team seats"
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
