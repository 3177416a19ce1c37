import { PageHeader } from "@/components/layout/page-header";
import { RedemptionsTable } from "@/components/admin/redemptions/redemptions-table";
import { StartingCreditForm } from "@/components/admin/redemptions/starting-credit-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { getRedemptions, redemptionToJson } from "@/lib/services/redemptions";
import { getSettings } from "@/lib/services/settings";

export const metadata = { title: "Redemption codes" };

export default async function RedemptionsPage() {
  await requireAdmin();
  const [codes, settings] = await Promise.all([getRedemptions(), getSettings()]);
  return (
    <>
      <PageHeader title="Redemption codes" description="Codes people redeem on their account page for credits. Each code is shown once, when it is created." />
      <RedemptionsTable codes={codes.map(redemptionToJson)} />
      <Card className="mt-8">
        <CardHeader>
          <CardTitle>Starting credit</CardTitle>
          <CardDescription>Credits that people who register themselves find in their balance.</CardDescription>
        </CardHeader>
        <CardContent>
          <StartingCreditForm credits={settings.registrationCredit} registrationOpen={getConfig().allowRegistration} />
        </CardContent>
      </Card>
    </>
  );
}
