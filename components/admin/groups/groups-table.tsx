"use client";

import { useState } from "react";
import { UsersRound } from "lucide-react";
import { groupColumns } from "@/components/admin/groups/columns";
import { GroupFormDialog } from "@/components/admin/groups/group-form-dialog";
import type { GroupRow } from "@/components/admin/groups/types";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { NewButton } from "@/components/ui/new-button";

/** The pricing groups and the "New group" dialog. */
export function GroupsTable({ groups }: { groups: GroupRow[] }) {
  const [creating, setCreating] = useState(false);
  return (
    <>
      <DataTable
        columns={groupColumns}
        data={groups}
        getRowId={(g) => g.name}
        searchPlaceholder="Search groups…"
        toolbar={<NewButton onClick={() => setCreating(true)}>New group</NewButton>}
        testId="groups-table"
        empty={<EmptyState icon={UsersRound} title="No groups" description="Create a group to price some users differently." />}
      />
      <GroupFormDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
