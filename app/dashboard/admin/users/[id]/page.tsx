import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Coins, KeyRound, UsersRound } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { UserRowActions } from "@/components/admin/users/user-row-actions";
import { UserTokensTable } from "@/components/admin/users/user-tokens-table";
import { StatCard } from "@/components/dashboard/stat-card";
import { Badge } from "@/components/ui/badge";
import { LocalDate } from "@/components/ui/local-date";
import { BalanceHistory } from "@/components/account/balance-history";
import { requireAdmin } from "@/lib/auth/session";
import { balanceEventToJson, getBalanceHistory } from "@/lib/services/balance-history";
import { listGroups } from "@/lib/db/groups";
import { listTokens } from "@/lib/db/tokens";
import { getUser } from "@/lib/db/users";
import { formatCredits, formatNumber, formatUsd } from "@/lib/format";
import { tokenToJson } from "@/lib/services/tokens";
import { userToJson } from "@/lib/services/users";
import { SpendLimitCard } from "@/components/admin/users/spend-limit-card";

export const metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = { user: await requireAdmin(), isAdmin: true, viaAdminKey: false };
  const id = Number((await params).id);
  const found = Number.isSafeInteger(id) && id > 0 ? await getUser(id) : null;
  if (!found) notFound();
  const [tokens, groups, history] = await Promise.all([listTokens(found.id), listGroups(), getBalanceHistory(actor, { userId: found.id, limit: 50 })]);
  const user = userToJson(found);
  const used = tokens.reduce((sum, t) => sum + t.usedQuota, 0);
  return (
    <>
      <Link href="/dashboard/admin/users" className="mb-3 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        All users
      </Link>
      <PageHeader
        title={user.name || user.email}
        description={user.name ? user.email : undefined}
        actions={<UserRowActions user={user} groups={groups.map((g) => g.name)} variant="buttons" />}
      />
      <div className="mb-2 flex flex-wrap gap-2">
        <Badge variant={user.role === "admin" ? "info" : "default"}>{user.role === "admin" ? "Admin" : "User"}</Badge>
        <Badge variant={user.status === "active" ? "success" : "danger"}>{user.status === "active" ? "Active" : "Disabled"}</Badge>
      </div>
      <div className="mb-8 grid gap-4 sm:grid-cols-2 2xl:grid-cols-4">
        <StatCard label="Balance" icon={Coins} value={formatUsd(user.balance)} sub={formatCredits(user.balance)} testId="user-balance" />
        <StatCard label="Group" icon={UsersRound} value={user.group} sub={<>Member since <LocalDate value={user.createdAt} mode="date" /></>} />
        <SpendLimitCard user={user} />
        <StatCard label="Tokens" icon={KeyRound} value={formatNumber(tokens.length)} sub={`${formatUsd(used)} spent in total`} />
      </div>
      <h2 className="mb-3 text-lg font-semibold tracking-tight">API tokens</h2>
      <UserTokensTable tokens={tokens.map(tokenToJson)} />
      <h2 className="mt-8 mb-3 text-lg font-semibold tracking-tight">Balance history</h2>
      <BalanceHistory events={history.data.map(balanceEventToJson)} />
    </>
  );
}
