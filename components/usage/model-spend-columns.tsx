"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { ColumnHeader } from "@/components/data-table/column-header";
import type { UsageBucketRow } from "@/components/usage/types";
import { formatCredits, formatNumber, formatUsd } from "@/lib/format";

const num = (title: string, key: keyof UsageBucketRow): ColumnDef<UsageBucketRow> => ({
  accessorKey: key,
  header: ({ column }) => <ColumnHeader column={column} title={title} />,
  meta: { align: "right" },
  cell: ({ getValue }) => <span className="tabular-nums">{formatNumber(getValue<number>())}</span>,
});

/** Spend per model (a summary grouped by model). */
export const modelSpendColumns: ColumnDef<UsageBucketRow>[] = [
  {
    accessorKey: "key",
    header: ({ column }) => <ColumnHeader column={column} title="Model" />,
    cell: ({ getValue }) => <code className="font-mono text-xs">{getValue<string>()}</code>,
  },
  num("Requests", "requests"),
  num("Prompt tokens", "promptTokens"),
  num("Completion tokens", "completionTokens"),
  {
    accessorKey: "cost",
    header: ({ column }) => <ColumnHeader column={column} title="Credits" />,
    meta: { align: "right" },
    cell: ({ getValue }) => (
      <span className="tabular-nums">
        {formatCredits(getValue<number>())} <span className="text-xs text-zinc-500">{formatUsd(getValue<number>())}</span>
      </span>
    ),
  },
];
