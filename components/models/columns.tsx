"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Badge } from "@/components/ui/badge";
import type { pricedModelToJson } from "@/lib/services/models";
import { isEmbeddingModel } from "@/lib/dashboard/models";
import { formatDollars, formatNumber } from "@/lib/format";

export type PricedModelRow = ReturnType<typeof pricedModelToJson>;

const credits = (n: number) => formatNumber(Math.round(n * 100) / 100);

function Price({ credits: c, usd }: { credits: number; usd: number }) {
  return (
    <div className="grid tabular-nums">
      <span>{formatDollars(usd)}</span>
      <span className="text-xs text-zinc-500">{credits(c)} cr</span>
    </div>
  );
}

const rate = (
  title: string,
  pick: (r: Extract<PricedModelRow["rates"], { kind: "tokens" }>) => [number, number],
  className?: string,
): ColumnDef<PricedModelRow> => ({
  id: title,
  accessorFn: (m) => (m.rates.kind === "tokens" ? pick(m.rates)[0] : -1),
  header: ({ column }) => <ColumnHeader column={column} title={title} />,
  meta: { align: "right", className },
  cell: ({ row }) => {
    const r = row.original.rates;
    if (r.kind !== "tokens") return <span className="text-zinc-400">—</span>;
    const [c, usd] = pick(r);
    return <Price credits={c} usd={usd} />;
  },
});

/** Models with their effective price for the viewer's group: per 1M tokens, or per call. */
export const modelColumns: ColumnDef<PricedModelRow>[] = [
  {
    accessorKey: "name",
    header: ({ column }) => <ColumnHeader column={column} title="Model" />,
    cell: ({ getValue }) => <code className="font-mono text-xs font-medium">{getValue<string>()}</code>,
  },
  {
    id: "kind",
    accessorFn: (m) => m.rates.kind,
    header: "Billing",
    meta: { className: "max-md:hidden" },
    cell: ({ getValue }) => <Badge variant={getValue() === "fixed" ? "info" : "outline"}>{getValue() === "fixed" ? "Per call" : "Per token"}</Badge>,
  },
  rate("Input / 1M", (r) => [r.inputCreditsPer1M, r.inputUsdPer1M]),
  rate("Cached input / 1M", (r) => [r.cachedInputCreditsPer1M, r.cachedInputUsdPer1M], "max-md:hidden"),
  rate("Output / 1M", (r) => [r.outputCreditsPer1M, r.outputUsdPer1M]),
  {
    id: "Per call",
    accessorFn: (m) => (m.rates.kind === "fixed" ? m.rates.creditsPerCall : -1),
    header: ({ column }) => <ColumnHeader column={column} title="Per call" />,
    meta: { align: "right" },
    cell: ({ row }) => {
      const r = row.original.rates;
      return r.kind === "fixed" ? <Price credits={r.creditsPerCall} usd={r.usdPerCall} /> : <span className="text-zinc-400">—</span>;
    },
  },
  {
    accessorKey: "maxOutputTokens",
    header: ({ column }) => <ColumnHeader column={column} title="Max output" />,
    meta: { align: "right", className: "max-md:hidden" },
    cell: ({ row }) =>
      isEmbeddingModel(row.original.name) ? <span className="text-zinc-400">—</span> : <span className="tabular-nums">{formatNumber(row.original.maxOutputTokens)}</span>,
  },
];
