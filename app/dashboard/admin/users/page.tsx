import { Suspense } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { UsersTable } from "@/components/admin/users/users-table";
import { TableSkeleton } from "@/components/dashboard/table-skeleton";
import { requireAdmin } from "@/lib/auth/session";
import { listGroups } from "@/lib/db/groups";
import { listUsers } from "@/lib/db/users";
import { viewerTimeZone } from "@/lib/dashboard/viewer";
import { usageBy } from "@/lib/services/usage-summary";
import { userToJson } from "@/lib/services/users";
import { calendarStarts } from "@/lib/time-zone";

export const metadata = { title: "Users" };

async function Users() {
  const { month } = calendarStarts(await viewerTimeZone());
  const [users, groups, spend] = await Promise.all([listUsers(), listGroups(), usageBy({ from: month }, "user")]);
  const spent = new Map(spend.map((b) => [Number(b.key), b.cost]));
  return <UsersTable users={users.map((u) => ({ ...userToJson(u), monthSpend: spent.get(u.id) ?? 0 }))} groups={groups.map((g) => g.name)} />;
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
