"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Money } from "@/components/ui/money";
import { formatLatency, formatNumber } from "@/lib/format";
import type { ChannelStats, UsageBucket } from "@/lib/services/usage-summary";

/** A breakdown row: a bucket, with a channel's latency figures when the rows are channels. */
export type BreakdownRow = UsageBucket & Partial<Pick<ChannelStats, "errorRate" | "avgLatencyMs" | "p50LatencyMs" | "p95LatencyMs" | "avgTtfbMs">>;

const count = (title: string, key: "requests" | "promptTokens" | "completionTokens", className?: string): ColumnDef<BreakdownRow> => ({
  accessorKey: key,
  header: ({ column }) => <ColumnHeader column={column} title={title} />,
  meta: { align: "right", className },
  cell: ({ getValue }) => <span className="tabular-nums">{formatNumber(getValue<number>())}</span>,
});

const latency = (title: string, key: "avgLatencyMs" | "p50LatencyMs" | "p95LatencyMs" | "avgTtfbMs"): ColumnDef<BreakdownRow> => ({
  accessorKey: key,
  header: ({ column }) => <ColumnHeader column={column} title={title} />,
  meta: { align: "right", className: "max-md:hidden" },
  cell: ({ getValue }) => <span className="tabular-nums">{formatLatency(getValue<number | null>())}</span>,
});

/** Columns of a breakdown: what it is grouped by (`keyTitle`), its traffic and spend; channels add latency. */
export function breakdownColumns(keyTitle: string, channels: boolean): ColumnDef<BreakdownRow>[] {
  return [
    {
      accessorKey: "label",
      header: ({ column }) => <ColumnHeader column={column} title={keyTitle} />,
      cell: ({ getValue }) => <span className="block max-w-56 truncate font-medium" title={getValue<string>()}>{getValue<string>()}</span>,
    },
    count("Requests", "requests"),
    {
      id: "errors",
      accessorFn: (r) => (r.requests ? r.errors / r.requests : 0),
      header: ({ column }) => <ColumnHeader column={column} title="Errors" />,
      meta: { align: "right" },
      cell: ({ row }) => (
        <span className={row.original.errors ? "text-red-700 tabular-nums" : "text-zinc-500 tabular-nums"}>
          {formatNumber(row.original.errors)}{" "}
          <span className="text-xs">({row.original.requests ? Math.round((row.original.errors / row.original.requests) * 1000) / 10 : 0}%)</span>
        </span>
      ),
    },
    ...(channels ? [latency("Avg latency", "avgLatencyMs"), latency("p50", "p50LatencyMs"), latency("p95", "p95LatencyMs"), latency("First byte", "avgTtfbMs")] : [count("Tokens in", "promptTokens", "max-md:hidden"), count("Tokens out", "completionTokens", "max-md:hidden")]),
    {
      accessorKey: "cost",
      header: ({ column }) => <ColumnHeader column={column} title="Spend" />,
      meta: { align: "right" },
      cell: ({ getValue }) => <Money credits={getValue<number>()} className="justify-items-end" />,
    },
  ];
}
