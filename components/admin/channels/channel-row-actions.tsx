"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Trash2 } from "lucide-react";
import { callApi } from "@/components/admin/api";
import { ChannelFormDialog } from "@/components/admin/channels/channel-form-dialog";
import type { ChannelRow } from "@/components/admin/channels/types";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
    <div className="flex items-center justify-end gap-1">
      <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={`Edit channel ${channel.name}`}>
        <Pencil className="h-3.5 w-3.5" aria-hidden />
        Edit
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setDeleting(true)} aria-label={`Delete channel ${channel.name}`} className="text-red-600 hover:bg-red-50">
        <Trash2 className="h-3.5 w-3.5" aria-hidden />
      </Button>
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
