"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { GroupRowActions } from "@/components/admin/groups/group-row-actions";
import type { GroupRow } from "@/components/admin/groups/types";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Badge } from "@/components/ui/badge";
import { formatNumber, formatRatio } from "@/lib/format";

export const groupColumns: ColumnDef<GroupRow>[] = [
  {
    accessorKey: "name",
    header: ({ column }) => <ColumnHeader column={column} title="Group" />,
    cell: ({ row }) => <span className="font-mono font-medium text-zinc-900">{row.original.name}</span>,
  },
  {
    accessorKey: "ratio",
    header: ({ column }) => <ColumnHeader column={column} title="Ratio" />,
    cell: ({ row }) => <span className="tabular-nums font-medium" data-testid={`group-ratio-${row.original.name}`}>{formatRatio(row.original.ratio)}×</span>,
  },
  {
    accessorKey: "description",
    header: "Description",
    meta: { className: "max-lg:hidden" },
    enableSorting: false,
    cell: ({ row }) =>
      row.original.description ? (
        <span className="line-clamp-2 max-w-72 whitespace-normal text-zinc-700">{row.original.description}</span>
      ) : (
        <span className="text-zinc-400">—</span>
      ),
  },
  {
    id: "selectable",
    accessorFn: (g) => (g.selectable ? "selectable" : "assigned"),
    header: "Selectable",
    meta: { className: "max-md:hidden" },
    enableSorting: false,
    cell: ({ row }) =>
      row.original.selectable ? <Badge variant="info">Selectable</Badge> : <Badge variant="default">Admins assign</Badge>,
  },
  {
    id: "limits",
    header: "Limits per token",
    meta: { className: "max-lg:hidden" },
    enableSorting: false,
    cell: ({ row }) => {
      const g = row.original;
      const set = [
        g.rpmLimit !== null && `${formatNumber(g.rpmLimit)} req/min`,
        g.tpmLimit !== null && `${formatNumber(g.tpmLimit)} tok/min`,
        g.concurrencyLimit !== null && `${formatNumber(g.concurrencyLimit)} at once`,
      ].filter(Boolean);
      return set.length ? (
        <span className="text-xs tabular-nums text-zinc-700" data-testid={`group-limits-${g.name}`}>
          {set.join(" · ")}
        </span>
      ) : (
        <span className="text-zinc-400">None</span>
      );
    },
  },
  {
    accessorKey: "users",
    header: ({ column }) => <ColumnHeader column={column} title="Users" />,
    meta: { className: "max-md:hidden" },
    cell: ({ row }) => <span className="tabular-nums">{formatNumber(row.original.users)}</span>,
  },
  {
    id: "channels",
    accessorFn: (g) => g.channels.map((c) => c.name).join(" "),
    header: "Served by",
    enableSorting: false,
    cell: ({ row }) => {
      const { channels } = row.original;
      if (!channels.length) return <span className="text-xs text-amber-700">No channel: its tokens can call nothing</span>;
      return (
        <div className="flex max-w-72 flex-wrap gap-1">
          {channels.map((c) => (
            <Badge
              key={c.id}
              variant={c.status === "active" ? "outline" : c.status === "auto_disabled" ? "danger" : "default"}
              title={c.status === "active" ? "Active" : c.status === "auto_disabled" ? "Auto-disabled" : "Disabled"}
            >
              {c.name}
              {c.status === "active" ? "" : c.status === "auto_disabled" ? " (auto-disabled)" : " (off)"}
            </Badge>
          ))}
        </div>
      );
    },
  },
  {
    id: "actions",
    // Not sr-only: an absolutely positioned header escapes the scrolling table and widens the page on phones.
    header: () => <span className="block h-0 w-0 overflow-hidden">Actions</span>,
    enableSorting: false,
    cell: ({ row }) => <GroupRowActions group={row.original} />,
  },
];
