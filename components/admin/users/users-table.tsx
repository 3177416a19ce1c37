"use client";

import { useMemo, useState } from "react";
import { Users } from "lucide-react";
import { userColumns } from "@/components/admin/users/columns";
import type { UserListRow } from "@/components/admin/users/types";
import { UserFormDialog } from "@/components/admin/users/user-form-dialog";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { NewButton } from "@/components/ui/new-button";

/** Every account, with create, edit and credit adjustments. */
export function UsersTable({ users, groups }: { users: UserListRow[]; groups: string[] }) {
  const [creating, setCreating] = useState(false);
  const columns = useMemo(() => userColumns({ groups }), [groups]);
  return (
    <>
      <DataTable
        columns={columns}
        data={users}
        getRowId={(u) => String(u.id)}
        searchPlaceholder="Search users…"
        facet={{
          columnId: "status",
          label: "Statuses",
          options: [
            { value: "active", label: "Active" },
            { value: "disabled", label: "Disabled" },
          ],
        }}
        toolbar={<NewButton onClick={() => setCreating(true)}>New user</NewButton>}
        testId="users-table"
        empty={<EmptyState icon={Users} title="No users" description="Create an account for someone, or let them register." />}
      />
      <UserFormDialog open={creating} onClose={() => setCreating(false)} groups={groups} />
    </>
  );
}
