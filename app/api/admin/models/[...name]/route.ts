import { withAdmin } from "@/lib/auth/guards";
import { parseBody } from "@/lib/http";
import { deleteModel, getModel, modelToJson, updateModel } from "@/lib/services/models";
import { modelUpdateSchema } from "@/lib/validation/models";

// A catch-all segment, because model names may contain slashes (`meta-llama/Llama-3.1-8B`).
type Params = { name: string[] };
const modelName = (p: Params) => p.name.join("/");

// GET /api/admin/models/{name}: one model
export const GET = withAdmin<Params>(async (_req, { params }) => {
  return Response.json(modelToJson(await getModel(modelName(params))));
});

// PATCH /api/admin/models/{name}: change a model's price, limits or availability
export const PATCH = withAdmin<Params>(async (req, { params }) => {
  const model = await updateModel(modelName(params), await parseBody(req, modelUpdateSchema));
  return Response.json(modelToJson(model));
});

// DELETE /api/admin/models/{name}: delete a model
export const DELETE = withAdmin<Params>(async (_req, { params }) => {
  await deleteModel(modelName(params));
  return new Response(null, { status: 204 });
});
