"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { PatchSwitch } from "@/components/admin/row-actions";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Badge } from "@/components/ui/badge";
import { LocalDate } from "@/components/ui/local-date";
import { QuotaMeter } from "@/components/tokens/quota-meter";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import { tokenState, type TokenRow } from "@/components/tokens/types";

export const userTokenColumns: ColumnDef<TokenRow>[] = [
  {
    accessorKey: "name",
    header: ({ column }) => <ColumnHeader column={column} title="Token" />,
    cell: ({ row }) => (
      <div className="grid gap-0.5">
        <span className="font-medium text-zinc-900">{row.original.name}</span>
        <span className="font-mono text-xs text-zinc-500">{row.original.keyPreview}</span>
      </div>
    ),
  },
  {
    id: "status",
    accessorFn: (t) => tokenState(t),
    filterFn: "equalsString",
    header: "Status",
    enableSorting: false,
    cell: ({ row }) => (
      <div className="flex items-center gap-2">
        <PatchSwitch
          checked={row.original.status === "active"}
          label={`Enable token ${row.original.name}`}
          path={`/api/tokens/${row.original.id}`}
          body={(on) => ({ status: on ? "active" : "disabled" })}
          done={(on) => `Token “${row.original.name}” ${on ? "enabled" : "disabled"}.`}
        />
        <TokenStatusBadge state={tokenState(row.original)} />
      </div>
    ),
  },
  {
    accessorKey: "group",
    header: ({ column }) => <ColumnHeader column={column} title="Group" />,
    meta: { className: "max-md:hidden" },
    cell: ({ row }) => <Badge variant="outline">{row.original.group}</Badge>,
  },
  {
    accessorKey: "usedQuota",
    header: ({ column }) => <ColumnHeader column={column} title="Quota" />,
    cell: ({ row }) => <QuotaMeter token={row.original} />,
  },
  {
    id: "models",
    accessorFn: (t) => t.allowedModels.join(" "),
    header: "Models",
    meta: { className: "max-md:hidden" },
    enableSorting: false,
    cell: ({ row }) =>
      row.original.allowedModels.length ? (
        <span className="block max-w-48 truncate font-mono text-xs" title={row.original.allowedModels.join(", ")}>
          {row.original.allowedModels.join(", ")}
        </span>
      ) : (
        <span className="text-xs text-zinc-500">All of its group</span>
      ),
  },
  {
    accessorKey: "expiresAt",
    header: ({ column }) => <ColumnHeader column={column} title="Expires" />,
    meta: { className: "max-lg:hidden" },
    cell: ({ row }) => <LocalDate value={row.original.expiresAt} mode="date" empty="Never" />,
  },
  {
    accessorKey: "lastUsedAt",
    header: ({ column }) => <ColumnHeader column={column} title="Last used" />,
    meta: { className: "max-md:hidden" },
    cell: ({ row }) => <LocalDate value={row.original.lastUsedAt} mode="relative" empty="Never" />,
  },
  {
    accessorKey: "createdAt",
    header: ({ column }) => <ColumnHeader column={column} title="Created" />,
    meta: { className: "max-lg:hidden" },
    cell: ({ row }) => <LocalDate value={row.original.createdAt} mode="date" />,
  },
];
