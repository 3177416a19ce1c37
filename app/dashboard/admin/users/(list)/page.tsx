import { PageHeader } from "@/components/layout/page-header";
import { UsersTable } from "@/components/admin/users/users-table";
import { requireAdmin } from "@/lib/auth/session";
import { listGroups } from "@/lib/db/groups";
import { listUsers, userToJson } from "@/lib/db/users";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  await requireAdmin();
  const [users, groups] = await Promise.all([listUsers(), listGroups()]);
  return (
    <>
      <PageHeader title="Users" description="Accounts, their roles, groups and credit balances. 500,000 credits = $1." />
      <UsersTable users={users.map(userToJson)} groups={groups.map((g) => g.name)} />
    </>
  );
}
