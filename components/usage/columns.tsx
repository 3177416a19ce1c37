"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Badge } from "@/components/ui/badge";
import { LocalDate } from "@/components/ui/local-date";
import type { UsageRecordRow } from "@/components/usage/types";
import { formatCredits, formatLatency, formatNumber, formatUsd } from "@/lib/format";

/** Columns of the request log; `withToken: false` drops the token column (a token's own page). */
export function usageColumns({ withToken = true }: { withToken?: boolean } = {}): ColumnDef<UsageRecordRow>[] {
  const cols: (ColumnDef<UsageRecordRow> | false)[] = [
    {
      accessorKey: "createdAt",
      header: ({ column }) => <ColumnHeader column={column} title="Time" />,
      cell: ({ getValue }) => <LocalDate value={getValue<string>()} mode="precise" />,
    },
    withToken && {
      accessorKey: "tokenName",
      header: ({ column }) => <ColumnHeader column={column} title="Token" />,
      cell: ({ getValue }) => <span className="font-medium">{getValue<string>()}</span>,
    },
    {
      accessorKey: "model",
      header: ({ column }) => <ColumnHeader column={column} title="Model" />,
      cell: ({ row }) => (
        <span className="inline-flex items-center gap-1.5">
          <code className="font-mono text-xs">{row.original.model}</code>
          {row.original.stream ? <Badge variant="info">stream</Badge> : null}
        </span>
      ),
    },
    {
      id: "tokens",
      accessorFn: (r) => r.promptTokens + r.completionTokens,
      header: ({ column }) => <ColumnHeader column={column} title="Tokens in / out" />,
      meta: { align: "right" },
      cell: ({ row }) => {
        const r = row.original;
        return (
          <span className="tabular-nums" title={`${formatNumber(r.cachedTokens)} cached prompt tokens`}>
            {formatNumber(r.promptTokens)} / {formatNumber(r.completionTokens)}
            {r.cachedTokens ? <span className="ml-1 text-xs text-zinc-500">({formatNumber(r.cachedTokens)} cached)</span> : null}
            {r.estimated ? <span className="ml-1 text-xs text-amber-700" title="Counted by the gateway; the upstream reported no usage">est.</span> : null}
          </span>
        );
      },
    },
    {
      accessorKey: "cost",
      header: ({ column }) => <ColumnHeader column={column} title="Credits" />,
      meta: { align: "right" },
      cell: ({ getValue }) => (
        <span className="tabular-nums" title={formatUsd(getValue<number>())}>
          {formatCredits(getValue<number>())}
        </span>
      ),
    },
    {
      accessorKey: "status",
      header: ({ column }) => <ColumnHeader column={column} title="Status" />,
      cell: ({ getValue }) => {
        const s = getValue<number>();
        return <Badge variant={s < 400 ? "success" : s < 500 ? "warning" : "danger"}>{s}</Badge>;
      },
    },
    {
      accessorKey: "latencyMs",
      header: ({ column }) => <ColumnHeader column={column} title="Latency" />,
      meta: { align: "right" },
      cell: ({ getValue }) => <span className="tabular-nums text-zinc-600">{formatLatency(getValue<number>())}</span>,
    },
    {
      accessorKey: "requestId",
      header: "Request ID",
      enableSorting: false,
      cell: ({ getValue }) => <code className="font-mono text-xs text-zinc-500">{getValue<string>()}</code>,
    },
  ];
  return cols.filter((c): c is ColumnDef<UsageRecordRow> => c !== false);
}
