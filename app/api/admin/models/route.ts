import { withAdmin } from "@/lib/auth/guards";
import { listModels } from "@/lib/db/models";
import { parseBody } from "@/lib/http";
import { createModel, modelToJson } from "@/lib/services/models";
import { modelCreateSchema } from "@/lib/validation/models";

// GET /api/admin/models: every model and its price
export const GET = withAdmin(async () => {
  return Response.json({ data: (await listModels()).map(modelToJson) });
});

// POST /api/admin/models: add a model and its price
export const POST = withAdmin(async (req) => {
  const model = await createModel(await parseBody(req, modelCreateSchema));
  return Response.json(modelToJson(model), { status: 201 });
});
