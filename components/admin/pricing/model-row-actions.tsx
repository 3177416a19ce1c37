"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Trash2 } from "lucide-react";
import { callApi, modelPath } from "@/components/admin/api";
import { ModelFormDialog } from "@/components/admin/pricing/model-form-dialog";
import type { ModelRow } from "@/components/admin/pricing/types";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu } from "@/components/ui/dropdown-menu";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";

/** Turns a model on or off for every token at once. */
export function ModelEnabledSwitch({ model }: { model: ModelRow }) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  return (
    <Switch
      checked={model.enabled}
      disabled={busy}
      aria-label={`Enable model ${model.name}`}
      onCheckedChange={async (on) => {
        setBusy(true);
        const res = await callApi("PATCH", modelPath(model.name), { enabled: on });
        setBusy(false);
        if (!res.ok) return toast(res.message, "error");
        toast(on ? `“${model.name}” enabled.` : `“${model.name}” disabled.`);
        router.refresh();
      }}
    />
  );
}

/** Edit and delete for one catalog model. */
export function ModelRowActions({ model }: { model: ModelRow }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="flex justify-end">
      <DropdownMenu
        label={`Actions for model ${model.name}`}
        items={[
          { label: "Edit", icon: <Pencil className="h-3.5 w-3.5" aria-hidden />, onSelect: () => setEditing(true) },
          { label: "Delete", icon: <Trash2 className="h-3.5 w-3.5" aria-hidden />, onSelect: () => setDeleting(true), destructive: true },
        ]}
      />
      <ModelFormDialog open={editing} onClose={() => setEditing(false)} model={model} />
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete “${model.name}”?`}
        description="Channels that list it stop serving it, and tokens can no longer call it."
        onConfirm={async () => {
          const res = await callApi("DELETE", modelPath(model.name));
          if (!res.ok) throw new Error(res.message);
          toast(`“${model.name}” deleted.`);
          router.refresh();
        }}
      />
    </div>
  );
}
