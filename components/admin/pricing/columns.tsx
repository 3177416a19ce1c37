"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { formatPrice, formatRatio } from "@/components/admin/format";
import { ModelEnabledSwitch, ModelRowActions } from "@/components/admin/pricing/model-row-actions";
import type { ModelRow } from "@/components/admin/pricing/types";
import { ColumnHeader } from "@/components/data-table/column-header";
import { effectiveRates } from "@/lib/billing/pricing";
import { formatNumber } from "@/lib/format";

const num = (n: number) => <span className="tabular-nums">{formatRatio(n)}</span>;

function usd(model: ModelRow, side: "input" | "output") {
  const rates = effectiveRates(model, 1);
  if (rates.kind === "fixed") return side === "input" ? rates.usdPerCall : 0;
  return side === "input" ? rates.inputUsdPer1M : rates.outputUsdPer1M;
}

export const modelColumns: ColumnDef<ModelRow>[] = [
  {
    accessorKey: "name",
    header: ({ column }) => <ColumnHeader column={column} title="Model" />,
    cell: ({ row }) => <span className="font-mono text-sm font-medium text-zinc-900">{row.original.name}</span>,
  },
  {
    id: "enabled",
    accessorFn: (m) => (m.enabled ? "enabled" : "disabled"),
    filterFn: "equalsString",
    header: "Enabled",
    enableSorting: false,
    cell: ({ row }) => <ModelEnabledSwitch model={row.original} />,
  },
  { accessorKey: "modelRatio", header: ({ column }) => <ColumnHeader column={column} title="Model ratio" />, cell: ({ row }) => num(row.original.modelRatio) },
  {
    accessorKey: "completionRatio",
    header: ({ column }) => <ColumnHeader column={column} title="Completion" />,
    cell: ({ row }) => num(row.original.completionRatio),
  },
  { accessorKey: "cacheRatio", header: ({ column }) => <ColumnHeader column={column} title="Cache" />, cell: ({ row }) => num(row.original.cacheRatio) },
  {
    id: "inputUsd",
    accessorFn: (m) => usd(m, "input"),
    header: ({ column }) => <ColumnHeader column={column} title="Input $/1M" />,
    cell: ({ row }) => {
      const m = row.original;
      if (m.fixedPrice != null) return <span className="tabular-nums font-medium">{formatPrice(usd(m, "input"))} per call</span>;
      return <span className="tabular-nums font-medium">{formatPrice(usd(m, "input"))}</span>;
    },
  },
  {
    id: "outputUsd",
    accessorFn: (m) => usd(m, "output"),
    header: ({ column }) => <ColumnHeader column={column} title="Output $/1M" />,
    cell: ({ row }) =>
      row.original.fixedPrice != null ? (
        <span className="text-xs text-zinc-500">fixed price</span>
      ) : (
        <span className="tabular-nums font-medium">{formatPrice(usd(row.original, "output"))}</span>
      ),
  },
  {
    accessorKey: "maxOutputTokens",
    header: ({ column }) => <ColumnHeader column={column} title="Max output" />,
    cell: ({ row }) => <span className="tabular-nums">{formatNumber(row.original.maxOutputTokens)}</span>,
  },
  {
    id: "actions",
    // Not sr-only: an absolutely positioned header escapes the scrolling table and widens the page on phones.
    header: () => <span className="block h-0 w-0 overflow-hidden">Actions</span>,
    enableSorting: false,
    cell: ({ row }) => <ModelRowActions model={row.original} />,
  },
];
