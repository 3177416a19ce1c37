import { Suspense } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { UsersTable } from "@/components/admin/users/users-table";
import { TableSkeleton } from "@/components/dashboard/table-skeleton";
import { requireAdmin } from "@/lib/auth/session";
import { listGroups } from "@/lib/db/groups";
import { listUsers } from "@/lib/db/users";
import { userToJson } from "@/lib/services/users";

export const metadata = { title: "Users" };

async function Users() {
  const [users, groups] = await Promise.all([listUsers(), listGroups()]);
  return <UsersTable users={users.map(userToJson)} groups={groups.map((g) => g.name)} />;
}

// The skeleton is a Suspense boundary inside the page, not a users/loading.tsx: that would also wrap
// users/[id], whose unknown ids must answer a real 404 before anything streams.
export default async function UsersPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Users" description="Accounts, their roles, groups and credit balances. 500,000 credits = $1." />
      <Suspense fallback={<TableSkeleton rows={5} />}>
        <Users />
      </Suspense>
    </>
  );
}
