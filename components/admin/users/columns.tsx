"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { UserRowActions } from "@/components/admin/users/user-row-actions";
import type { UserListRow, UserRow } from "@/components/admin/users/types";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Badge } from "@/components/ui/badge";
import { LocalDate } from "@/components/ui/local-date";
import { formatCredits, formatUsd } from "@/lib/format";

/** The balance cell: dollars with credits beneath, and what requests in flight hold. */
export function BalanceCell({ user }: { user: Pick<UserRow, "balance" | "availableBalance" | "id"> }) {
  const held = user.balance - user.availableBalance;
  return (
    <div className="grid gap-0.5 tabular-nums">
      <span className="font-medium" data-testid={`balance-${user.id}`}>
        {formatUsd(user.balance)}
      </span>
      <span className="text-xs text-zinc-500">
        {formatCredits(user.balance)}
        {held > 0 ? ` · ${formatUsd(held)} held` : ""}
      </span>
    </div>
  );
}

export function userColumns(ctx: { groups: string[] }): ColumnDef<UserListRow>[] {
  return [
    {
      id: "user",
      // Email and name together, so the search box finds either.
      accessorFn: (u) => `${u.email} ${u.name}`,
      header: ({ column }) => <ColumnHeader column={column} title="User" />,
      cell: ({ row }) => (
        <div className="grid max-w-40 gap-0.5 md:max-w-64">
          <Link
            href={`/dashboard/admin/users/${row.original.id}`}
            className="truncate font-medium text-zinc-900 underline-offset-4 hover:underline"
            title={row.original.email}
          >
            {row.original.email}
          </Link>
          <span className="truncate text-xs text-zinc-500">{row.original.name || "No name"}</span>
          {/* Phones drop the status column; a disabled account still says so here. */}
          {row.original.status === "active" ? null : (
            <Badge variant="danger" className="justify-self-start md:hidden">
              Disabled
            </Badge>
          )}
        </div>
      ),
    },
    {
      accessorKey: "role",
      header: ({ column }) => <ColumnHeader column={column} title="Role" />,
      meta: { className: "max-md:hidden" },
      cell: ({ row }) => <Badge variant={row.original.role === "admin" ? "info" : "default"}>{row.original.role === "admin" ? "Admin" : "User"}</Badge>,
    },
    {
      accessorKey: "group",
      header: ({ column }) => <ColumnHeader column={column} title="Group" />,
      meta: { className: "max-md:hidden" },
      cell: ({ row }) => <Badge variant="outline">{row.original.group}</Badge>,
    },
    {
      accessorKey: "balance",
      header: ({ column }) => <ColumnHeader column={column} title="Balance" />,
      cell: ({ row }) => <BalanceCell user={row.original} />,
    },
    {
      accessorKey: "monthSpend",
      header: ({ column }) => <ColumnHeader column={column} title="This month" />,
      meta: { align: "right", className: "max-md:hidden" },
      cell: ({ row }) => (
        <Link
          href={`/dashboard/usage?user=${row.original.id}`}
          className="tabular-nums underline-offset-4 hover:underline"
          title="Spent this month; opens their usage"
          data-testid={`month-spend-${row.original.id}`}
        >
          {formatUsd(row.original.monthSpend)}
        </Link>
      ),
    },
    {
      accessorKey: "status",
      filterFn: "equalsString",
      header: ({ column }) => <ColumnHeader column={column} title="Status" />,
      meta: { className: "max-md:hidden" },
      cell: ({ row }) => (
        <Badge variant={row.original.status === "active" ? "success" : "danger"}>{row.original.status === "active" ? "Active" : "Disabled"}</Badge>
      ),
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
      header: () => <span className="block h-0 w-0 overflow-hidden">Actions</span>,
      enableSorting: false,
      cell: ({ row }) => <UserRowActions user={row.original} groups={ctx.groups} />,
    },
  ];
}
