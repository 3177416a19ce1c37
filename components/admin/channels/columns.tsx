"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { AlertTriangle } from "lucide-react";
import { ChannelRowActions, ChannelStatusSwitch } from "@/components/admin/channels/channel-row-actions";
import { ChannelTestButton } from "@/components/admin/channels/channel-test-button";
import type { ChannelRow } from "@/components/admin/channels/types";
import { ColumnHeader } from "@/components/data-table/column-header";
import { Badge } from "@/components/ui/badge";
import { LocalDate } from "@/components/ui/local-date";
import { formatNumber } from "@/lib/format";

export const STATUS_LABEL: Record<ChannelRow["status"], string> = {
  active: "Active",
  disabled: "Disabled",
  auto_disabled: "Auto-disabled",
};

export function ChannelStatusBadge({ status }: { status: ChannelRow["status"] }) {
  if (status === "auto_disabled") {
    return (
      <Badge variant="danger" title="Taken out of service automatically after repeated failures">
        <AlertTriangle className="h-3 w-3" aria-hidden />
        Auto-disabled
      </Badge>
    );
  }
  return <Badge variant={status === "active" ? "success" : "default"}>{STATUS_LABEL[status]}</Badge>;
}

/** The columns of the channels table; the action cells need the groups and the model catalog for editing. */
export function channelColumns(ctx: { groups: string[]; catalog: string[] }): ColumnDef<ChannelRow>[] {
  return [
    {
      accessorKey: "name",
      header: ({ column }) => <ColumnHeader column={column} title="Channel" />,
      cell: ({ row }) => (
        <div className="grid max-w-64 gap-0.5">
          <span className="font-medium text-zinc-900">{row.original.name}</span>
          <span className="truncate font-mono text-xs text-zinc-500" title={row.original.baseUrl}>
            {row.original.baseUrl}
          </span>
          <span className="font-mono text-xs text-zinc-400">key {row.original.apiKeyPreview}</span>
        </div>
      ),
    },
    {
      accessorKey: "status",
      // The status facet picks one exact state ("disabled" must not also match "auto_disabled").
      filterFn: "equalsString",
      header: ({ column }) => <ColumnHeader column={column} title="Status" />,
      cell: ({ row }) => (
        <div className="flex items-center gap-2">
          <ChannelStatusSwitch channel={row.original} />
          <ChannelStatusBadge status={row.original.status} />
        </div>
      ),
    },
    {
      id: "test",
      header: "Test",
      enableSorting: false,
      cell: ({ row }) => <ChannelTestButton channel={row.original} />,
    },
    {
      id: "models",
      accessorFn: (c) => c.models.join(" "),
      header: "Models",
      enableSorting: false,
      cell: ({ row }) => {
        const { models, modelMapping } = row.original;
        const mapped = Object.keys(modelMapping).length;
        return (
          <div className="grid max-w-56 gap-0.5 text-xs">
            <span className="truncate font-mono" title={models.join(", ")}>
              {models.slice(0, 3).join(", ")}
              {models.length > 3 ? ` +${models.length - 3}` : ""}
            </span>
            {mapped ? <span className="text-zinc-500">{mapped} mapped</span> : null}
          </div>
        );
      },
    },
    {
      id: "groups",
      accessorFn: (c) => c.groups.join(" "),
      header: "Groups",
      enableSorting: false,
      cell: ({ row }) => (
        <div className="flex max-w-48 flex-wrap gap-1">
          {row.original.groups.map((g) => (
            <Badge key={g} variant="outline">
              {g}
            </Badge>
          ))}
        </div>
      ),
    },
    {
      accessorKey: "priority",
      header: ({ column }) => <ColumnHeader column={column} title="Priority" />,
      cell: ({ row }) => <span className="tabular-nums">{formatNumber(row.original.priority)}</span>,
    },
    {
      accessorKey: "weight",
      header: ({ column }) => <ColumnHeader column={column} title="Weight" />,
      cell: ({ row }) => <span className="tabular-nums">{formatNumber(row.original.weight)}</span>,
    },
    {
      id: "failures",
      accessorFn: (c) => c.totalFailures,
      header: ({ column }) => <ColumnHeader column={column} title="Failures" />,
      cell: ({ row }) => {
        const c = row.original;
        return (
          <div className="grid gap-0.5 text-xs tabular-nums" title="In a row (resets on success) / in total">
            <span className={c.consecutiveFailures ? "font-medium text-red-700" : "text-zinc-700"}>
              {formatNumber(c.consecutiveFailures)} in a row
            </span>
            <span className="text-zinc-500">{formatNumber(c.totalFailures)} total</span>
          </div>
        );
      },
    },
    {
      id: "lastError",
      accessorFn: (c) => c.lastError ?? "",
      header: "Last error",
      enableSorting: false,
      cell: ({ row }) => {
        const c = row.original;
        if (!c.lastError) return <span className="text-xs text-zinc-400">None</span>;
        return (
          <div className="grid max-w-64 gap-0.5 text-xs">
            <span className="line-clamp-2 whitespace-normal break-words text-red-700" title={c.lastError}>
              {c.lastError}
            </span>
            <span className="text-zinc-500">
              <LocalDate value={c.lastFailureAt} mode="relative" />
            </span>
          </div>
        );
      },
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      cell: ({ row }) => <ChannelRowActions channel={row.original} groups={ctx.groups} catalog={ctx.catalog} />,
    },
  ];
}
