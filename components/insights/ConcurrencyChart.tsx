"use client";

import { useRouter } from "next/navigation";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ConcurrencyPoint } from "@/lib/connections/insightsCharts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const axisTime = (iso: string) => {
  const date = new Date(iso);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${String(date.getUTCHours()).padStart(2, "0")}:00`;
};

/**
 * Connections open per UTC hour (on average, and at some moment of the hour) against the team's
 * seat count. Clicking the chart opens the connections that started in the hour under the pointer.
 */
export function ConcurrencyChart({ points, testId }: { points: ConcurrencyPoint[]; testId: string }) {
  const router = useRouter();
  return (
    <div className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart
          data={points}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          onClick={(state) => {
            const href = points[Number(state.activeTooltipIndex)]?.href;
            if (href) router.push(href);
          }}
          style={{ cursor: "pointer" }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="hour" tickFormatter={axisTime} tick={{ fontSize: 12 }} minTickGap={40} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} label={{ value: "connections", angle: -90, position: "insideLeft", fontSize: 12 }} />
          <Tooltip labelFormatter={(label) => `${axisTime(String(label))} UTC`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area type="monotone" dataKey="average" name="open on average" fill="#3a5bd9" fillOpacity={0.25} stroke="#3a5bd9" isAnimationActive={false} />
          <Line type="monotone" dataKey="overlapping" name="open at some moment" stroke="#1f9d55" dot={false} strokeWidth={1} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="seats" name="team seats" stroke="#c0392b" strokeDasharray="6 4" dot={false} strokeWidth={2} isAnimationActive={false} connectNulls />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
