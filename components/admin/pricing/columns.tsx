"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { ModelEnabledSwitch, ModelRowActions } from "@/components/admin/pricing/model-row-actions";
import type { ModelRow } from "@/components/admin/pricing/types";
import { ColumnHeader } from "@/components/data-table/column-header";
import { effectiveRates } from "@/lib/billing/pricing";
import { isEmbeddingModel } from "@/lib/dashboard/models";
import { formatDollars, formatNumber, formatRatio } from "@/lib/format";

const none = <span className="text-zinc-400">—</span>;

/** A token price column: $ per 1M at group ratio 1; per-call models have none. */
function tokenPrice(id: string, title: string, pick: (r: Extract<ReturnType<typeof effectiveRates>, { kind: "tokens" }>) => number): ColumnDef<ModelRow> {
  return {
    id,
    accessorFn: (m) => {
      const r = effectiveRates(m, 1);
      return r.kind === "tokens" ? pick(r) : -1;
    },
    header: ({ column }) => <ColumnHeader column={column} title={title} />,
    meta: { align: "right" },
    cell: ({ getValue }) => (getValue<number>() < 0 ? none : <span className="font-medium tabular-nums">{formatDollars(getValue<number>())}</span>),
  };
}

export const modelColumns: ColumnDef<ModelRow>[] = [
  {
    accessorKey: "name",
    header: ({ column }) => <ColumnHeader column={column} title="Model" />,
    // The ratios the prices come to, under the name: the gateway's own figures, for those who know them.
    cell: ({ row }) => {
      const m = row.original;
      return (
        <div className="grid max-w-40 gap-0.5 md:max-w-none">
          <span className="truncate font-mono text-sm font-medium text-zinc-900" title={m.name}>
            {m.name}
          </span>
          <span className="text-xs text-zinc-500 tabular-nums max-md:hidden" title="Model ratio · completion ratio · cache ratio">
            {m.fixedPrice != null ? "Fixed price per call" : `ratio ${formatRatio(m.modelRatio)} · ×${formatRatio(m.completionRatio)} out · ×${formatRatio(m.cacheRatio)} cached${m.cacheWriteRatio != null ? ` · ×${formatRatio(m.cacheWriteRatio)} cache write` : ""}`}
          </span>
        </div>
      );
    },
  },
  {
    id: "enabled",
    accessorFn: (m) => (m.enabled ? "enabled" : "disabled"),
    filterFn: "equalsString",
    header: "Enabled",
    enableSorting: false,
    meta: { className: "max-md:hidden" },
    cell: ({ row }) => <ModelEnabledSwitch model={row.original} />,
  },
  tokenPrice("input", "Input $/1M", (r) => r.inputUsdPer1M),
  { ...tokenPrice("output", "Output $/1M", (r) => r.outputUsdPer1M), meta: { align: "right", className: "max-sm:hidden" } },
  { ...tokenPrice("cached", "Cached $/1M", (r) => r.cachedInputUsdPer1M), meta: { align: "right", className: "max-lg:hidden" } },
  {
    id: "perCall",
    accessorFn: (m) => m.fixedPrice ?? -1,
    header: ({ column }) => <ColumnHeader column={column} title="Per call" />,
    meta: { align: "right", className: "max-md:hidden" },
    cell: ({ row }) => (row.original.fixedPrice == null ? none : <span className="font-medium tabular-nums">{formatDollars(row.original.fixedPrice)}</span>),
  },
  {
    accessorKey: "maxOutputTokens",
    header: ({ column }) => <ColumnHeader column={column} title="Max output" />,
    meta: { align: "right", className: "max-2xl:hidden" },
    cell: ({ row }) => (isEmbeddingModel(row.original.name) ? none : <span className="tabular-nums">{formatNumber(row.original.maxOutputTokens)}</span>),
  },
  {
    id: "actions",
    // Not sr-only: an absolutely positioned header escapes the scrolling table and widens the page on phones.
    header: () => <span className="block h-0 w-0 overflow-hidden">Actions</span>,
    enableSorting: false,
    cell: ({ row }) => <ModelRowActions model={row.original} />,
  },
];
