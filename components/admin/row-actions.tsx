"use client";

import { useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Trash2 } from "lucide-react";
import { callApi } from "@/lib/api-client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu } from "@/components/ui/dropdown-menu";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";

/** A row's on/off switch: PATCHes `path` with `body(on)`, toasts the outcome and refreshes the page. */
export function PatchSwitch({
  checked,
  label,
  path,
  body,
  done,
}: {
  checked: boolean;
  label: string;
  path: string;
  body: (on: boolean) => unknown;
  /** The toast after a successful change. */
  done: (on: boolean) => string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  return (
    <Switch
      checked={checked}
      disabled={busy}
      aria-label={label}
      onCheckedChange={async (on) => {
        setBusy(true);
        const res = await callApi("PATCH", path, body(on));
        setBusy(false);
        if (!res.ok) return toast(res.message, "error");
        toast(done(on));
        router.refresh();
      }}
    />
  );
}

/** A row's Edit / Delete menu: Edit opens `editDialog`, Delete asks first, then DELETEs `deletePath`. */
export function EditDeleteActions({
  label,
  editDialog,
  deleteTitle,
  deleteDescription,
  deletePath,
  deleted,
}: {
  /** The menu button's accessible name. */
  label: string;
  editDialog: (open: boolean, onClose: () => void) => ReactNode;
  deleteTitle: string;
  deleteDescription: string;
  deletePath: string;
  /** The toast once deleted. */
  deleted: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="flex justify-end">
      <DropdownMenu
        label={label}
        items={[
          { label: "Edit", icon: <Pencil className="h-3.5 w-3.5" aria-hidden />, onSelect: () => setEditing(true) },
          { label: "Delete", icon: <Trash2 className="h-3.5 w-3.5" aria-hidden />, onSelect: () => setDeleting(true), destructive: true },
        ]}
      />
      {editDialog(editing, () => setEditing(false))}
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={deleteTitle}
        description={deleteDescription}
        onConfirm={async () => {
          // A refused delete (e.g. 409: still in use) throws, so the dialog stays open with the API's reason.
          const res = await callApi("DELETE", deletePath);
          if (!res.ok) throw new Error(res.message);
          toast(deleted);
          router.refresh();
        }}
      />
    </div>
  );
}
