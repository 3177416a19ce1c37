"use client";

import { ChannelFormDialog } from "@/components/admin/channels/channel-form-dialog";
import type { ChannelRow } from "@/components/admin/channels/types";
import { EditDeleteActions, PatchSwitch } from "@/components/admin/row-actions";

/** Enables or disables a channel; turning an auto-disabled one on puts it back in service afresh. */
export function ChannelStatusSwitch({ channel }: { channel: ChannelRow }) {
  return (
    <PatchSwitch
      checked={channel.status === "active"}
      label={`Enable channel ${channel.name}`}
      path={`/api/admin/channels/${channel.id}`}
      body={(on) => ({ status: on ? "active" : "disabled" })}
      done={(on) => (on ? `Channel “${channel.name}” enabled.` : `Channel “${channel.name}” disabled.`)}
    />
  );
}

/** Edit and delete for one channel. */
export function ChannelRowActions({ channel, groups, catalog }: { channel: ChannelRow; groups: string[]; catalog: string[] }) {
  return (
    <EditDeleteActions
      label={`Actions for channel ${channel.name}`}
      editDialog={(open, onClose) => <ChannelFormDialog open={open} onClose={onClose} channel={channel} groups={groups} catalog={catalog} />}
      deleteTitle={`Delete channel “${channel.name}”?`}
      deleteDescription="Requests stop going to this upstream at once. Usage already recorded stays."
      deletePath={`/api/admin/channels/${channel.id}`}
      deleted={`Channel “${channel.name}” deleted.`}
    />
  );
}
