"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ERROR_COLOR, GRID_STROKE, tickDay, TOOLTIP_STYLE } from "@/components/charts/palette";
import { formatCompact, formatNumber } from "@/lib/format";

export type RequestDay = { day: string; requests: number; errors: number };

/** Requests per day, the failed ones stacked on top in red. */
export function RequestsChart({ data, height = 220 }: { data: RequestDay[]; height?: number }) {
  const points = data.map((d) => ({ day: d.day, ok: d.requests - d.errors, errors: d.errors }));
  const empty = data.every((d) => d.requests === 0);
  return (
    <div className="relative w-full" style={{ height }} data-testid="requests-chart">
      {empty ? <p className="absolute inset-0 z-10 flex items-center justify-center text-sm text-zinc-500">No requests in this period.</p> : null}
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 4, bottom: 0, left: -4 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="day" tickFormatter={tickDay} tick={AXIS_TICK} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis allowDecimals={false} tickFormatter={formatCompact} tick={AXIS_TICK} tickLine={false} axisLine={false} width={48} />
          <Tooltip cursor={{ fill: "var(--color-zinc-100)" }} contentStyle={TOOLTIP_STYLE} formatter={(v) => formatNumber(Number(v))} />
          <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="ok" name="Succeeded" stackId="r" fill="var(--color-zinc-900)" maxBarSize={28} isAnimationActive={false} />
          <Bar dataKey="errors" name="Failed" stackId="r" fill={ERROR_COLOR} maxBarSize={28} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
