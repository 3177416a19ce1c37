"use client";

import { GroupFormDialog } from "@/components/admin/groups/group-form-dialog";
import type { GroupRow } from "@/components/admin/groups/types";
import { EditDeleteActions } from "@/components/admin/row-actions";

/** Edit and delete for one group; a refused delete (409: in use, or the default group) shows the API's reason. */
export function GroupRowActions({ group }: { group: GroupRow }) {
  return (
    <EditDeleteActions
      label={`Actions for group ${group.name}`}
      editDialog={(open, onClose) => <GroupFormDialog open={open} onClose={onClose} group={group} />}
      deleteTitle={`Delete group “${group.name}”?`}
      deleteDescription="Only a group no user, token or channel uses can be deleted."
      deletePath={`/api/admin/groups/${encodeURIComponent(group.name)}`}
      deleted={`Group “${group.name}” deleted.`}
    />
  );
}
