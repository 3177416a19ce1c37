"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, GRID_STROKE, OTHER_COLOR, SERIES_COLORS, tickDay, TOOLTIP_STYLE } from "@/components/charts/palette";
import { CREDITS_PER_USD, formatDollars } from "@/lib/format";

/** One day: credits spent per model (the chart shows dollars). */
export type ModelDay = { day: string; byModel: Record<string, number> };

/** Spend per day in dollars, stacked by model: the dearest models each get a colour, the rest are "Other". */
export function SpendByModelChart({ data, height = 280, maxSeries = SERIES_COLORS.length }: { data: ModelDay[]; height?: number; maxSeries?: number }) {
  const totals = new Map<string, number>();
  for (const d of data) for (const [m, c] of Object.entries(d.byModel)) totals.set(m, (totals.get(m) ?? 0) + c);
  const ranked = [...totals].sort((a, b) => b[1] - a[1]).map(([m]) => m);
  const shown = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const hasOther = ranked.length > shown.length;
  const points = data.map((d) => {
    const row: Record<string, number | string> = { day: d.day };
    for (const [m, c] of Object.entries(d.byModel)) {
      const key = shown.includes(m) ? m : "Other";
      row[key] = ((row[key] as number | undefined) ?? 0) + c / CREDITS_PER_USD;
    }
    return row;
  });
  const empty = ranked.length === 0;
  return (
    <div className="relative w-full" style={{ height }} data-testid="spend-by-model-chart">
      {empty ? <p className="absolute inset-0 z-10 flex items-center justify-center text-sm text-zinc-500">No spend in this period.</p> : null}
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 4, bottom: 0, left: -4 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="day" tickFormatter={tickDay} tick={AXIS_TICK} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis tickFormatter={(v: number) => formatDollars(v)} tick={AXIS_TICK} tickLine={false} axisLine={false} width={76} />
          <Tooltip cursor={{ fill: "var(--color-zinc-100)" }} contentStyle={TOOLTIP_STYLE} formatter={(v) => formatDollars(Number(v))} />
          <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          {shown.map((m, i) => (
            <Bar key={m} dataKey={m} name={m} stackId="spend" fill={SERIES_COLORS[i % SERIES_COLORS.length]} maxBarSize={28} isAnimationActive={false} />
          ))}
          {hasOther ? <Bar dataKey="Other" name="Other" stackId="spend" fill={OTHER_COLOR} maxBarSize={28} isAnimationActive={false} /> : null}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
