import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { formatCredits, formatUsd } from "@/lib/format";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const available = user.balance - user.heldBalance;
  return (
    <>
      <PageHeader title="Overview" description={`Signed in as ${user.email}, group ${user.group}.`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardDescription>Balance</CardDescription>
            <CardTitle className="text-2xl" data-testid="balance">
              {formatCredits(available)} credits
            </CardTitle>
          </CardHeader>
          <CardContent className="text-sm text-zinc-500">{formatUsd(available)}</CardContent>
        </Card>
      </div>
    </>
  );
}
