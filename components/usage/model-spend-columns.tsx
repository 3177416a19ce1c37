"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { ColumnHeader } from "@/components/data-table/column-header";
import type { UsageBucketRow } from "@/components/usage/types";
import { Money } from "@/components/ui/money";
import { formatNumber } from "@/lib/format";

const num = (title: string, key: keyof UsageBucketRow, className?: string): ColumnDef<UsageBucketRow> => ({
  accessorKey: key,
  header: ({ column }) => <ColumnHeader column={column} title={title} />,
  meta: { align: "right", className },
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
  num("Prompt tokens", "promptTokens", "max-md:hidden"),
  num("Completion tokens", "completionTokens", "max-md:hidden"),
  {
    accessorKey: "cost",
    header: ({ column }) => <ColumnHeader column={column} title="Spend" />,
    meta: { align: "right" },
    cell: ({ getValue }) => <Money credits={getValue<number>()} inline />,
  },
];
