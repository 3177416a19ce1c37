"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { PatchSwitch } from "@/components/admin/row-actions";
import type { RedemptionRowJson } from "@/components/admin/redemptions/types";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Badge } from "@/components/ui/badge";
import { LocalDate } from "@/components/ui/local-date";
import { Money } from "@/components/ui/money";
import { formatNumber } from "@/lib/format";

/** What a code can do now: disabled wins, then expiry, then used up. */
export function redemptionState(r: RedemptionRowJson, now = Date.now()): "active" | "disabled" | "expired" | "used" {
  if (r.status === "disabled") return "disabled";
  if (r.expiresAt && new Date(r.expiresAt).getTime() <= now) return "expired";
  return r.uses >= r.maxUses ? "used" : "active";
}

const STATE = {
  active: { label: "Active", variant: "success" },
  disabled: { label: "Disabled", variant: "default" },
  expired: { label: "Expired", variant: "warning" },
  used: { label: "Used up", variant: "info" },
} as const;

export const redemptionColumns: ColumnDef<RedemptionRowJson>[] = [
  {
    id: "code",
    accessorFn: (r) => `${r.name} ${r.codePreview}`,
    header: ({ column }) => <ColumnHeader column={column} title="Code" />,
    cell: ({ row }) => (
      <div className="grid max-w-48 gap-0.5">
        <span className="truncate font-medium">{row.original.name}</span>
        <code className="font-mono text-xs text-zinc-500">{row.original.codePreview}</code>
      </div>
    ),
  },
  {
    accessorKey: "amount",
    header: ({ column }) => <ColumnHeader column={column} title="Value" />,
    meta: { align: "right" },
    cell: ({ row }) => <Money credits={row.original.amount} className="justify-items-end" />,
  },
  {
    accessorKey: "uses",
    header: ({ column }) => <ColumnHeader column={column} title="Used" />,
    meta: { align: "right" },
    cell: ({ row }) => (
      <span className="tabular-nums" data-testid={`uses-${row.original.id}`}>
        {formatNumber(row.original.uses)} / {formatNumber(row.original.maxUses)}
      </span>
    ),
  },
  {
    accessorKey: "expiresAt",
    header: ({ column }) => <ColumnHeader column={column} title="Expires" />,
    meta: { className: "max-md:hidden" },
    cell: ({ row }) => <LocalDate value={row.original.expiresAt} empty="Never" />,
  },
  {
    id: "state",
    accessorFn: (r) => redemptionState(r),
    filterFn: "equalsString",
    header: ({ column }) => <ColumnHeader column={column} title="Status" />,
    cell: ({ row }) => {
      const s = STATE[redemptionState(row.original)];
      return <Badge variant={s.variant}>{s.label}</Badge>;
    },
  },
  {
    accessorKey: "createdAt",
    header: ({ column }) => <ColumnHeader column={column} title="Created" />,
    meta: { className: "max-lg:hidden" },
    cell: ({ row }) => <LocalDate value={row.original.createdAt} mode="date" />,
  },
  {
    id: "actions",
    // Not sr-only: an absolutely positioned header escapes the scrolling table and widens the page on phones.
    header: () => <span className="block h-0 w-0 overflow-hidden">Enabled</span>,
    enableSorting: false,
    cell: ({ row }) => (
      <PatchSwitch
        checked={row.original.status === "active"}
        label={`Enable code ${row.original.codePreview}`}
        path={`/api/admin/redemptions/${row.original.id}`}
        body={(on) => ({ status: on ? "active" : "disabled" })}
        done={(on) => `Code ${row.original.codePreview} ${on ? "enabled" : "disabled"}.`}
      />
    ),
  },
];

export const REDEMPTION_STATE_OPTIONS = (Object.keys(STATE) as (keyof typeof STATE)[]).map((value) => ({ value, label: STATE[value].label }));
