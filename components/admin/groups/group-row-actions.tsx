"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Trash2 } from "lucide-react";
import { callApi } from "@/components/admin/api";
import { GroupFormDialog } from "@/components/admin/groups/group-form-dialog";
import type { GroupRow } from "@/components/admin/groups/types";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu } from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toast";

/** Edit and delete for one group; a refused delete (409: in use, or the default group) shows the API's reason. */
export function GroupRowActions({ group }: { group: GroupRow }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="flex justify-end">
      <DropdownMenu
        label={`Actions for group ${group.name}`}
        items={[
          { label: "Edit", icon: <Pencil className="h-3.5 w-3.5" aria-hidden />, onSelect: () => setEditing(true) },
          { label: "Delete", icon: <Trash2 className="h-3.5 w-3.5" aria-hidden />, onSelect: () => setDeleting(true), destructive: true },
        ]}
      />
      <GroupFormDialog open={editing} onClose={() => setEditing(false)} group={group} />
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete group “${group.name}”?`}
        description="Only a group no user, token or channel uses can be deleted."
        onConfirm={async () => {
          const res = await callApi("DELETE", `/api/admin/groups/${encodeURIComponent(group.name)}`);
          if (!res.ok) throw new Error(res.message);
          toast(`Group “${group.name}” deleted.`);
          router.refresh();
        }}
      />
    </div>
  );
}
