"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { ZoneName } from "@/components/layout/time-zone";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalDate } from "@/components/ui/local-date";
import { Money } from "@/components/ui/money";
import { errorText, type UsageRecordRow } from "@/components/usage/types";
import { formatLatency, formatNumber } from "@/lib/format";

/** The request id as its last 8 characters (enough to tell requests apart), with a copy button for the whole. */
function RequestId({ id }: { id: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <code className="font-mono text-xs text-zinc-500" title={id}>
        …{id.slice(-8)}
      </code>
      <CopyButton value={id} label="Copy request id" iconOnly />
    </span>
  );
}

/**
 * Columns of the request log; `withToken: false` drops the token column (a token's own page),
 * `serverSorted` leaves sortable only what the server can order by.
 */
export function usageColumns({ withToken = true, serverSorted = false }: { withToken?: boolean; serverSorted?: boolean } = {}): ColumnDef<UsageRecordRow>[] {
  const cols: (ColumnDef<UsageRecordRow> | false)[] = [
    {
      accessorKey: "createdAt",
      header: ({ column }) => (
        <ColumnHeader column={column} title="Time">
          {" "}
          (<ZoneName />)
        </ColumnHeader>
      ),
      cell: ({ getValue }) => <LocalDate value={getValue<string>()} mode="precise" />,
    },
    withToken && {
      accessorKey: "tokenName",
      header: ({ column }) => <ColumnHeader column={column} title="Token" />,
      meta: { className: "max-md:hidden" },
      cell: ({ getValue }) => <span className="block max-w-32 truncate font-medium">{getValue<string>()}</span>,
    },
    {
      accessorKey: "model",
      header: ({ column }) => <ColumnHeader column={column} title="Model" />,
      cell: ({ row }) => (
        <span className="flex max-w-44 items-center gap-1.5">
          <code className="truncate font-mono text-xs" title={row.original.model}>
            {row.original.model}
          </code>
          {row.original.stream ? <Badge variant="info">stream</Badge> : null}
        </span>
      ),
    },
    {
      id: "tokens",
      accessorFn: (r) => r.promptTokens + r.completionTokens,
      enableSorting: !serverSorted,
      header: ({ column }) => <ColumnHeader column={column} title="Tokens in / out" />,
      meta: { align: "right", className: "max-md:hidden" },
      cell: ({ row }) => {
        const r = row.original;
        return (
          <span className="tabular-nums" title={`${formatNumber(r.cachedTokens)} cached prompt tokens`}>
            {formatNumber(r.promptTokens)} / {formatNumber(r.completionTokens)}
            {r.estimated ? (
              <span className="ml-1 text-xs text-amber-700" title="Counted by the gateway; the upstream reported no usage">
                est.
              </span>
            ) : null}
          </span>
        );
      },
    },
    {
      accessorKey: "cost",
      header: ({ column }) => <ColumnHeader column={column} title="Cost" />,
      meta: { align: "right" },
      cell: ({ getValue }) => <Money credits={getValue<number>()} className="justify-items-end" />,
    },
    {
      accessorKey: "status",
      header: ({ column }) => <ColumnHeader column={column} title="Status" />,
      cell: ({ row }) => {
        const s = row.original.status;
        const error = errorText(row.original);
        return (
          <span className="grid max-w-48 justify-items-start gap-0.5">
            <Badge variant={s < 400 ? "success" : s < 500 ? "warning" : "danger"}>{s}</Badge>
            {error ? (
              <span className="max-w-48 truncate text-xs text-red-700" title={error} data-testid="usage-error">
                {error}
              </span>
            ) : null}
          </span>
        );
      },
    },
    {
      accessorKey: "latencyMs",
      header: ({ column }) => <ColumnHeader column={column} title="Latency" />,
      meta: { align: "right", className: "max-lg:hidden" },
      cell: ({ getValue }) => <span className="text-zinc-600 tabular-nums">{formatLatency(getValue<number>())}</span>,
    },
    {
      accessorKey: "requestId",
      header: "Request",
      enableSorting: false,
      meta: { className: "max-md:hidden" },
      cell: ({ getValue }) => <RequestId id={getValue<string>()} />,
    },
  ];
  return cols.filter((c): c is ColumnDef<UsageRecordRow> => c !== false);
}
