import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LocalDate } from "@/components/ui/local-date";
import { requirePageActor } from "@/lib/dashboard/actor";
import { formatCredits, formatUsd } from "@/lib/format";

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
  const { user } = await requirePageActor();
  const available = user.balance - user.heldBalance;
  return (
    <>
      <PageHeader title="Account" description="Your balance, profile and password." />
      <div className="grid gap-6 lg:grid-cols-2">
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
              <Row label="Member since">
                <LocalDate value={user.createdAt} mode="date" />
              </Row>
            </dl>
            <p className="mt-4 text-xs text-zinc-500">500,000 credits = $1. Ask an admin to top up your balance.</p>
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
    </>
  );
}
