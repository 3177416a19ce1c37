import Form from "next/form";
import { PageHeader } from "@/components/layout/page-header";
import { ModelsTable } from "@/components/models/models-table";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { requirePageActor } from "@/lib/dashboard/actor";
import { listGroups } from "@/lib/db/groups";
import { modelsForGroup, pricedModelToJson, pricingGroupFor } from "@/lib/services/models";

export const metadata = { title: "Models & pricing" };

export default async function ModelsPage({ searchParams }: { searchParams: Promise<{ group?: string | string[] }> }) {
  const { user, actor } = await requirePageActor();
  const requested = (await searchParams).group;
  const choices = (await listGroups()).filter((g) => g.name === user.group || g.selectable);
  const wanted = typeof requested === "string" && choices.some((g) => g.name === requested) ? requested : undefined;
  const group = await pricingGroupFor(actor, wanted);
  const models = (await modelsForGroup(group.name)).map((m) => pricedModelToJson(m, group.ratio));
  return (
    <>
      <PageHeader
        title="Models & pricing"
        description={`What your tokens can call in group “${group.name}” (price ×${group.ratio}), per 1M tokens or per call. 500,000 credits = $1.`}
        actions={
          choices.length > 1 ? (
            <Form action="/dashboard/models" className="flex items-end gap-2">
              <div className="grid gap-1.5">
                <Label htmlFor="pricing-group">Group</Label>
                <Select id="pricing-group" name="group" defaultValue={group.name} className="w-44">
                  {choices.map((g) => (
                    <option key={g.name} value={g.name}>
                      {g.name}
                      {g.name === user.group ? " (yours)" : ""}
                    </option>
                  ))}
                </Select>
              </div>
              <Button type="submit" variant="outline">
                Show
              </Button>
            </Form>
          ) : null
        }
      />
      <ModelsTable models={models} />
    </>
  );
}
