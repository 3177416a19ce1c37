import { PageHeader } from "@/components/layout/page-header";
import { ModelsTable } from "@/components/admin/pricing/models-table";
import { requireAdmin } from "@/lib/auth/session";
import { listModels } from "@/lib/db/models";
import { modelToJson } from "@/lib/services/models";

export const metadata = { title: "Pricing" };

export default async function PricingPage() {
  await requireAdmin();
  const models = await listModels();
  return (
    <>
      <PageHeader
        title="Pricing"
        description="The model catalog. Prices in USD are at group ratio 1; a group's ratio multiplies them. 500,000 credits = $1."
      />
      <ModelsTable models={models.map(modelToJson)} />
    </>
  );
}
