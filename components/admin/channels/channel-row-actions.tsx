"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Trash2 } from "lucide-react";
import { callApi } from "@/components/admin/api";
import { ChannelFormDialog } from "@/components/admin/channels/channel-form-dialog";
import type { ChannelRow } from "@/components/admin/channels/types";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu } from "@/components/ui/dropdown-menu";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";

/** Enables or disables a channel; turning an auto-disabled one on puts it back in service afresh. */
export function ChannelStatusSwitch({ channel }: { channel: ChannelRow }) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  return (
    <Switch
      checked={channel.status === "active"}
      disabled={busy}
      aria-label={`Enable channel ${channel.name}`}
      onCheckedChange={async (on) => {
        setBusy(true);
        const res = await callApi("PATCH", `/api/admin/channels/${channel.id}`, { status: on ? "active" : "disabled" });
        setBusy(false);
        if (!res.ok) return toast(res.message, "error");
        toast(on ? `Channel “${channel.name}” enabled.` : `Channel “${channel.name}” disabled.`);
        router.refresh();
      }}
    />
  );
}

/** Edit and delete for one channel. */
export function ChannelRowActions({ channel, groups, catalog }: { channel: ChannelRow; groups: string[]; catalog: string[] }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="flex justify-end">
      <DropdownMenu
        label={`Actions for channel ${channel.name}`}
        items={[
          { label: "Edit", icon: <Pencil className="h-3.5 w-3.5" aria-hidden />, onSelect: () => setEditing(true) },
          { label: "Delete", icon: <Trash2 className="h-3.5 w-3.5" aria-hidden />, onSelect: () => setDeleting(true), destructive: true },
        ]}
      />
      <ChannelFormDialog open={editing} onClose={() => setEditing(false)} channel={channel} groups={groups} catalog={catalog} />
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete channel “${channel.name}”?`}
        description="Requests stop going to this upstream at once. Usage already recorded stays."
        onConfirm={async () => {
          const res = await callApi("DELETE", `/api/admin/channels/${channel.id}`);
          if (!res.ok) throw new Error(res.message);
          toast(`Channel “${channel.name}” deleted.`);
          router.refresh();
        }}
      />
    </div>
  );
}
