import { withSession } from "@/lib/auth/guards";
import { parseQuery } from "@/lib/http";
import { modelsForGroup, pricedModelToJson, pricingGroupFor } from "@/lib/services/models";
import { modelsQuerySchema } from "@/lib/validation/models";

// GET /api/models: the models the caller's group (or ?group=) can use, with their effective rates
export const GET = withSession(async (req, { actor }) => {
  const group = await pricingGroupFor(actor, parseQuery(req, modelsQuerySchema).group);
  const models = await modelsForGroup(group.name);
  return Response.json({
    group: { name: group.name, ratio: group.ratio },
    data: models.map((m) => pricedModelToJson(m, group.ratio)),
  });
});
