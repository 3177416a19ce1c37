"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCompact, formatNumber, formatUsd } from "@/lib/format";

export type DayPoint = { day: string; requests: number; cost: number };

const tickDay = (day: string) => {
  const [, m, d] = day.split("-").map(Number);
  return `${m}/${d}`;
};

/** Credits (bars, left axis) and requests (line, right axis) per UTC day. */
export function UsageChart({ data, height = 260 }: { data: DayPoint[]; height?: number }) {
  const empty = data.every((d) => d.requests === 0);
  return (
    <div className="relative w-full" style={{ height }} data-testid="usage-chart">
      {empty ? (
        <p className="absolute inset-0 z-10 flex items-center justify-center text-sm text-zinc-500">
          No requests in this period yet.
        </p>
      ) : null}
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
          <XAxis dataKey="day" tickFormatter={tickDay} tick={{ fontSize: 11, fill: "#71717a" }} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis yAxisId="cost" tickFormatter={formatCompact} tick={{ fontSize: 11, fill: "#71717a" }} tickLine={false} axisLine={false} width={48} />
          <YAxis yAxisId="requests" orientation="right" allowDecimals={false} tickFormatter={formatCompact} tick={{ fontSize: 11, fill: "#71717a" }} tickLine={false} axisLine={false} width={36} />
          <Tooltip
            cursor={{ fill: "#f4f4f5" }}
            contentStyle={{ borderRadius: 8, border: "1px solid #e4e4e7", fontSize: 12 }}
            formatter={(value, name) =>
              name === "Credits" ? [`${formatNumber(Number(value))} (${formatUsd(Number(value))})`, name] : [formatNumber(Number(value)), name]
            }
          />
          <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="cost" dataKey="cost" name="Credits" fill="#18181b" radius={[3, 3, 0, 0]} maxBarSize={24} isAnimationActive={false} />
          <Line yAxisId="requests" dataKey="requests" name="Requests" stroke="#0ea5e9" strokeWidth={2} dot={false} type="monotone" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
