"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Trash2 } from "lucide-react";
import { callApi } from "@/components/admin/api";
import { GroupFormDialog } from "@/components/admin/groups/group-form-dialog";
import type { GroupRow } from "@/components/admin/groups/types";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";

/** Edit and delete for one group; a refused delete (409: in use, or the default group) shows the API's reason. */
export function GroupRowActions({ group }: { group: GroupRow }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="flex items-center justify-end gap-1">
      <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={`Edit group ${group.name}`}>
        <Pencil className="h-3.5 w-3.5" aria-hidden />
        Edit
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setDeleting(true)} aria-label={`Delete group ${group.name}`} className="text-red-600 hover:bg-red-50">
        <Trash2 className="h-3.5 w-3.5" aria-hidden />
      </Button>
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
