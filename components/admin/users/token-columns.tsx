"use client";

import { useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { callApi } from "@/components/admin/api";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Badge } from "@/components/ui/badge";
import { LocalDate } from "@/components/ui/local-date";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";
import { QuotaMeter } from "@/components/tokens/quota-meter";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import { tokenState, type TokenRow } from "@/components/tokens/types";

/** Lets an admin switch another user's token off (or back on) at once. */
function TokenStatusSwitch({ token }: { token: TokenRow }) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  return (
    <Switch
      checked={token.status === "active"}
      disabled={busy}
      aria-label={`Enable token ${token.name}`}
      onCheckedChange={async (on) => {
        setBusy(true);
        const res = await callApi("PATCH", `/api/tokens/${token.id}`, { status: on ? "active" : "disabled" });
        setBusy(false);
        if (!res.ok) return toast(res.message, "error");
        toast(on ? `Token “${token.name}” enabled.` : `Token “${token.name}” disabled.`);
        router.refresh();
      }}
    />
  );
}

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
        <TokenStatusSwitch token={row.original} />
        <TokenStatusBadge state={tokenState(row.original)} />
      </div>
    ),
  },
  {
    accessorKey: "group",
    header: ({ column }) => <ColumnHeader column={column} title="Group" />,
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
    cell: ({ row }) => <LocalDate value={row.original.expiresAt} mode="date" empty="Never" />,
  },
  {
    accessorKey: "lastUsedAt",
    header: ({ column }) => <ColumnHeader column={column} title="Last used" />,
    cell: ({ row }) => <LocalDate value={row.original.lastUsedAt} mode="relative" empty="Never" />,
  },
  {
    accessorKey: "createdAt",
    header: ({ column }) => <ColumnHeader column={column} title="Created" />,
    cell: ({ row }) => <LocalDate value={row.original.createdAt} mode="date" />,
  },
];
