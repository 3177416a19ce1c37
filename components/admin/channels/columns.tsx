"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { AlertTriangle } from "lucide-react";
import { ChannelRowActions, ChannelStatusSwitch } from "@/components/admin/channels/channel-row-actions";
import { ChannelKeys } from "@/components/admin/channels/channel-keys";
import { ChannelTestButton } from "@/components/admin/channels/channel-test-button";
import { CHANNEL_TYPE_LABEL, type ChannelType } from "@/components/admin/channels/channel-types";
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
        <div className="grid max-w-44 gap-0.5">
          <span className="truncate font-medium text-zinc-900">{row.original.name}</span>
          <span className="truncate font-mono text-xs text-zinc-500" title={row.original.baseUrl}>
            {row.original.baseUrl}
          </span>
          <span className="truncate text-xs text-zinc-500">
            {CHANNEL_TYPE_LABEL[row.original.type as ChannelType] ?? row.original.type}
            {row.original.apiVersion ? ` · ${row.original.apiVersion}` : ""}
          </span>
          <ChannelKeys channel={row.original} />
        </div>
      ),
    },
    {
      accessorKey: "status",
      // The status facet picks one exact state ("disabled" must not also match "auto_disabled").
      filterFn: "equalsString",
      header: ({ column }) => <ColumnHeader column={column} title="Status" />,
      cell: ({ row }) => (
        <div className="grid gap-2">
          <div className="flex items-center gap-2">
            <ChannelStatusSwitch channel={row.original} />
            <ChannelStatusBadge status={row.original.status} />
          </div>
          <ChannelTestButton channel={row.original} />
        </div>
      ),
    },
    {
      id: "serves",
      accessorFn: (c) => `${c.models.join(" ")} ${c.groups.join(" ")}`,
      header: "Serves",
      meta: { className: "max-md:hidden" },
      enableSorting: false,
      cell: ({ row }) => {
        const { models, modelMapping, groups } = row.original;
        const mapped = Object.keys(modelMapping).length;
        return (
          <div className="grid max-w-44 gap-1 text-xs">
            <span className="truncate font-mono" title={models.join(", ")}>
              {models.slice(0, 3).join(", ")}
              {models.length > 3 ? ` +${models.length - 3}` : ""}
            </span>
            {mapped ? <span className="text-zinc-500">{mapped} mapped</span> : null}
            <div className="flex flex-wrap gap-1">
              {groups.map((g) => (
                <Badge key={g} variant="outline">
                  {g}
                </Badge>
              ))}
            </div>
          </div>
        );
      },
    },
    {
      accessorKey: "priority",
      header: ({ column }) => <ColumnHeader column={column} title="Priority" />,
      meta: { className: "max-lg:hidden" },
      cell: ({ row }) => (
        <div className="grid gap-0.5 tabular-nums">
          <span>{formatNumber(row.original.priority)}</span>
          <span className="text-xs text-zinc-500">weight {formatNumber(row.original.weight)}</span>
        </div>
      ),
    },
    {
      id: "health",
      accessorFn: (c) => c.totalFailures,
      header: ({ column }) => <ColumnHeader column={column} title="Failures" />,
      meta: { className: "max-md:hidden" },
      cell: ({ row }) => {
        const c = row.original;
        return (
          <div className="grid max-w-48 gap-0.5 text-xs">
            <span className="tabular-nums" title="In a row (reset by a success) and in total">
              <span className={c.consecutiveFailures ? "font-medium text-red-700" : "text-zinc-700"}>
                {formatNumber(c.consecutiveFailures)} in a row
              </span>
              <span className="text-zinc-500"> · {formatNumber(c.totalFailures)} total</span>
            </span>
            {c.lastError ? (
              <>
                <span className="line-clamp-2 whitespace-normal break-words text-red-700" title={c.lastError}>
                  {c.lastError}
                </span>
                <span className="text-zinc-500">
                  <LocalDate value={c.lastFailureAt} mode="relative" />
                </span>
              </>
            ) : (
              <span className="text-zinc-400">No error recorded</span>
            )}
          </div>
        );
      },
    },
    {
      id: "actions",
      // Not sr-only: an absolutely positioned header escapes the scrolling table and widens the page on phones.
      header: () => <span className="block h-0 w-0 overflow-hidden">Actions</span>,
      enableSorting: false,
      cell: ({ row }) => <ChannelRowActions channel={row.original} groups={ctx.groups} catalog={ctx.catalog} />,
    },
  ];
}
