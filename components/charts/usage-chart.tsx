"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK as AXIS, GRID_STROKE, tickDay, TOOLTIP_STYLE } from "@/components/charts/palette";
import { CREDITS_PER_USD, formatCompact, formatCredits, formatDollars, formatNumber, formatUsd } from "@/lib/format";

export type DayPoint = { day: string; requests: number; cost: number };


/** Spend in dollars (bars, left axis) and requests (line, right axis) per day. */
export function UsageChart({ data, height = 260 }: { data: DayPoint[]; height?: number }) {
  const empty = data.every((d) => d.requests === 0);
  const points = data.map((d) => ({ ...d, usd: d.cost / CREDITS_PER_USD }));
  return (
    <div className="relative w-full" style={{ height }} data-testid="usage-chart">
      {empty ? <p className="absolute inset-0 z-10 flex items-center justify-center text-sm text-zinc-500">No requests in this period.</p> : null}
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 4, bottom: 0, left: -4 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="day" tickFormatter={tickDay} tick={AXIS} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis yAxisId="usd" tickFormatter={(v: number) => formatDollars(v)} tick={AXIS} tickLine={false} axisLine={false} width={76} />
          <YAxis yAxisId="requests" orientation="right" allowDecimals={false} tickFormatter={formatCompact} tick={AXIS} tickLine={false} axisLine={false} width={36} />
          <Tooltip
            cursor={{ fill: "var(--color-zinc-100)" }}
            contentStyle={TOOLTIP_STYLE}
            formatter={(value, name, item) =>
              name === "Spend"
                ? [`${formatUsd((item.payload as DayPoint).cost)} (${formatCredits((item.payload as DayPoint).cost)})`, name]
                : [formatNumber(Number(value)), name]
            }
          />
          <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="usd" dataKey="usd" name="Spend" fill="var(--color-zinc-900)" radius={[3, 3, 0, 0]} maxBarSize={24} isAnimationActive={false} />
          <Line yAxisId="requests" dataKey="requests" name="Requests" stroke="var(--color-sky-500)" strokeWidth={2} dot={false} type="monotone" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
