"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { History } from "lucide-react";
import { ZoneName } from "@/components/layout/time-zone";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalDate } from "@/components/ui/local-date";
import { Money } from "@/components/ui/money";
import type { balanceEventToJson } from "@/lib/services/balance-history";
import { formatUsd } from "@/lib/format";

export type BalanceEventJson = ReturnType<typeof balanceEventToJson>;

const KIND = {
  topup: { label: "Top-up", variant: "success" },
  deduction: { label: "Deduction", variant: "danger" },
  redemption: { label: "Redeemed code", variant: "info" },
  grant: { label: "Starting credit", variant: "info" },
} as const;

const columns: ColumnDef<BalanceEventJson>[] = [
  {
    accessorKey: "createdAt",
    header: () => (
      <>
        When (<ZoneName />)
      </>
    ),
    cell: ({ row }) => <LocalDate value={row.original.createdAt} mode="precise" />,
  },
  {
    accessorKey: "kind",
    header: "What",
    cell: ({ row }) => <Badge variant={KIND[row.original.kind].variant}>{KIND[row.original.kind].label}</Badge>,
  },
  {
    accessorKey: "amount",
    header: "Amount",
    meta: { align: "right" },
    cell: ({ row }) => (
      <span className={row.original.amount < 0 ? "font-medium text-red-700 tabular-nums" : "font-medium text-emerald-700 tabular-nums"}>
        {row.original.amount < 0 ? "−" : "+"}
        {formatUsd(Math.abs(row.original.amount))}
      </span>
    ),
  },
  {
    accessorKey: "balanceAfter",
    header: "Balance after",
    meta: { align: "right", className: "max-md:hidden" },
    cell: ({ row }) => <Money credits={row.original.balanceAfter} className="justify-items-end" />,
  },
  {
    accessorKey: "note",
    header: "Note",
    meta: { className: "max-md:hidden" },
    cell: ({ row }) => <span className="block max-w-72 truncate text-zinc-600" title={row.original.note}>{row.original.note || "—"}</span>,
  },
];

/** Every change of a balance other than the calls (top-ups, deductions, redeemed codes, starting credit), newest first. */
export function BalanceHistory({ events }: { events: BalanceEventJson[] }) {
  return (
    <DataTable
      columns={columns}
      data={events}
      searchPlaceholder={false}
      pageSize={10}
      testId="balance-history"
      empty={<EmptyState icon={History} title="No balance changes yet" description="Top-ups, redeemed codes and deductions show up here." />}
    />
  );
}
