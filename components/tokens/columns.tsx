"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { Pencil, Power, Trash2 } from "lucide-react";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Badge } from "@/components/ui/badge";
import { DropdownMenu } from "@/components/ui/dropdown-menu";
import { LocalDate } from "@/components/ui/local-date";
import { QuotaMeter } from "@/components/tokens/quota-meter";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import { tokenState, type TokenRow } from "@/components/tokens/types";

export type TokenRowActions = {
  edit: (t: TokenRow) => void;
  toggle: (t: TokenRow) => void;
  remove: (t: TokenRow) => void;
};

/** The tokens table's columns; the status column filters on the derived state. */
export function tokenColumns(actions: TokenRowActions): ColumnDef<TokenRow>[] {
  return [
    {
      accessorKey: "name",
      header: ({ column }) => <ColumnHeader column={column} title="Name" />,
      cell: ({ row }) => (
        <Link
          href={`/dashboard/tokens/${row.original.id}`}
          className="font-medium hover:underline focus-visible:underline focus-visible:outline-none"
          onClick={(e) => e.stopPropagation()}
        >
          {row.original.name}
        </Link>
      ),
    },
    {
      accessorKey: "keyPreview",
      header: "Key",
      meta: { className: "max-md:hidden" },
      enableSorting: false,
      cell: ({ getValue }) => <code className="font-mono text-xs text-zinc-600">{getValue<string>()}</code>,
    },
    {
      accessorKey: "group",
      header: ({ column }) => <ColumnHeader column={column} title="Group" />,
      meta: { className: "max-md:hidden" },
      cell: ({ getValue }) => <Badge variant="outline">{getValue<string>()}</Badge>,
    },
    {
      id: "quota",
      accessorFn: (t) => (t.remainingQuota === null ? Number.POSITIVE_INFINITY : t.remainingQuota),
      header: ({ column }) => <ColumnHeader column={column} title="Quota" />,
      cell: ({ row }) => <QuotaMeter token={row.original} />,
      enableGlobalFilter: false,
    },
    {
      accessorKey: "expiresAt",
      header: ({ column }) => <ColumnHeader column={column} title="Expires" />,
      meta: { className: "max-md:hidden" },
      cell: ({ getValue }) => <LocalDate value={getValue<string | null>()} mode="date" empty="Never" />,
      sortUndefined: "last",
      enableGlobalFilter: false,
    },
    {
      accessorKey: "lastUsedAt",
      header: ({ column }) => <ColumnHeader column={column} title="Last used" />,
      meta: { className: "max-lg:hidden" },
      cell: ({ getValue }) => <LocalDate value={getValue<string | null>()} mode="relative" empty="Never" />,
      enableGlobalFilter: false,
    },
    {
      id: "status",
      accessorFn: (t) => tokenState(t),
      header: ({ column }) => <ColumnHeader column={column} title="Status" />,
      cell: ({ row }) => <TokenStatusBadge state={tokenState(row.original)} />,
      filterFn: "equalsString",
    },
    {
      id: "actions",
      // Not sr-only: an absolutely positioned header escapes the scrolling table and widens the page on phones.
      header: () => <span className="block h-0 w-0 overflow-hidden">Actions</span>,
      enableSorting: false,
      cell: ({ row }) => {
        const t = row.original;
        return (
          <div className="text-right">
            <DropdownMenu
              label={`Actions for ${t.name}`}
              items={[
                { label: "Edit", icon: <Pencil className="h-4 w-4" aria-hidden />, onSelect: () => actions.edit(t) },
                {
                  label: t.status === "active" ? "Disable" : "Enable",
                  icon: <Power className="h-4 w-4" aria-hidden />,
                  onSelect: () => actions.toggle(t),
                },
                { label: "Delete", icon: <Trash2 className="h-4 w-4" aria-hidden />, destructive: true, onSelect: () => actions.remove(t) },
              ]}
            />
          </div>
        );
      },
    },
  ];
}
