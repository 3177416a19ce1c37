"use client";

import { useMemo, useState } from "react";
import { Network } from "lucide-react";
import { ChannelFormDialog } from "@/components/admin/channels/channel-form-dialog";
import { channelColumns } from "@/components/admin/channels/columns";
import type { ChannelRow } from "@/components/admin/channels/types";
import { DataTable } from "@/components/data-table/data-table";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { NewButton } from "@/components/ui/new-button";

/** The channels page body: auto-disabled warning, the table, and the "New channel" dialog. */
export function ChannelsTable({ channels, groups, catalog }: { channels: ChannelRow[]; groups: string[]; catalog: string[] }) {
  const [creating, setCreating] = useState(false);
  const columns = useMemo(() => channelColumns({ groups, catalog }), [groups, catalog]);
  const autoDisabled = channels.filter((c) => c.status === "auto_disabled");
  const newButton = (
    <NewButton onClick={() => setCreating(true)}>New channel</NewButton>
  );
  return (
    <div className="grid gap-4">
      {autoDisabled.length ? (
        <Alert variant="error" title={`${autoDisabled.length} channel${autoDisabled.length > 1 ? "s" : ""} auto-disabled`} data-testid="auto-disabled-alert">
          {autoDisabled.map((c) => c.name).join(", ")} stopped receiving traffic after repeated failures. Test{" "}
          {autoDisabled.length > 1 ? "them" : "it"}, fix the cause, then switch {autoDisabled.length > 1 ? "them" : "it"} back on
          (the gateway also re-enables a channel by itself once its upstream answers again).
        </Alert>
      ) : null}
      <DataTable
        columns={columns}
        data={channels}
        getRowId={(c) => String(c.id)}
        searchPlaceholder="Search channels…"
        facet={{
          columnId: "status",
          label: "Status",
          options: [
            { value: "active", label: "Active" },
            { value: "disabled", label: "Disabled" },
            { value: "auto_disabled", label: "Auto-disabled" },
          ],
        }}
        toolbar={newButton}
        testId="channels-table"
        empty={
          <EmptyState
            icon={Network}
            title="No channels yet"
            description="A channel is an upstream that serves models. Add one to start relaying requests."
          />
        }
      />
      <ChannelFormDialog open={creating} onClose={() => setCreating(false)} groups={groups} catalog={catalog} />
    </div>
  );
}
