import { BalanceHistory } from "@/components/account/balance-history";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { RedeemForm } from "@/components/account/redeem-form";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LocalDate } from "@/components/ui/local-date";
import { requirePageActor } from "@/lib/dashboard/actor";
import { formatCredits, formatUsd } from "@/lib/format";
import { balanceEventToJson, getBalanceHistory } from "@/lib/services/balance-history";
import { userToJson } from "@/lib/services/users";

const PER = { daily: "day", weekly: "week", monthly: "month" } as const;

export const metadata = { title: "Account" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap justify-between gap-2 py-2.5 text-sm">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

export default async function AccountPage() {
  const { user, actor } = await requirePageActor();
  const available = user.balance - user.heldBalance;
  const history = await getBalanceHistory(actor, { limit: 50 });
  const spend = userToJson(user);
  return (
    <>
      <PageHeader title="Account" description="Your balance and its history, your profile and password." />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardDescription>Balance</CardDescription>
            <CardTitle className="text-3xl tabular-nums" data-testid="account-balance">
              {formatUsd(available)}
            </CardTitle>
            <p className="text-sm text-zinc-500 tabular-nums">
              {formatCredits(available)}
              {user.heldBalance > 0 ? ` · ${formatUsd(user.heldBalance)} reserved by requests in flight` : ""}
            </p>
          </CardHeader>
          <CardContent>
            <dl className="divide-y divide-zinc-100 border-t border-zinc-100">
              <Row label="Email">{user.email}</Row>
              <Row label="Name">{user.name || "—"}</Row>
              <Row label="Group">
                <Badge variant="outline">{user.group}</Badge>
              </Row>
              <Row label="Role">{user.role === "admin" ? "Admin" : "User"}</Row>
              {spend.spendLimit !== null ? (
                <Row label={`Spend limit per ${PER[spend.spendLimitPeriod]}`}>
                  <span data-testid="account-spend-limit">
                    {formatUsd(Math.max(0, spend.spendLimit - spend.periodSpent))} left of {formatUsd(spend.spendLimit)} · resets{" "}
                    <LocalDate value={spend.periodResetsAt} mode="date" />
                  </span>
                </Row>
              ) : null}
              <Row label="Member since">
                <LocalDate value={user.createdAt} mode="date" />
              </Row>
            </dl>
            <p className="mt-4 text-xs text-zinc-500">500,000 credits = $1. Redeem a code, or ask an admin to top up your balance.</p>
          </CardContent>
        </Card>
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Redeem a code</CardTitle>
              <CardDescription>A code from an admin adds its value to your balance.</CardDescription>
            </CardHeader>
            <CardContent>
              <RedeemForm />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Change password</CardTitle>
              <CardDescription>You stay signed in on this device.</CardDescription>
            </CardHeader>
            <CardContent>
              <ChangePasswordForm />
            </CardContent>
          </Card>
        </div>
      </div>
      <section className="mt-8 grid grid-cols-1 gap-3" aria-labelledby="balance-history">
        <h2 id="balance-history" className="text-lg font-semibold">
          Balance history
        </h2>
        <BalanceHistory events={history.data.map(balanceEventToJson)} />
      </section>
    </>
  );
}
