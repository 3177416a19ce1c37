import { withAdmin } from "@/lib/auth/guards";
import { parseBody } from "@/lib/http";
import { deleteGroup, getGroup, groupToJson, updateGroup } from "@/lib/services/groups";
import { groupUpdateSchema } from "@/lib/validation/groups";

// GET /api/admin/groups/{name}: one group
export const GET = withAdmin<{ name: string }>(async (_req, { params }) => {
  return Response.json(groupToJson(await getGroup(params.name)));
});

// PATCH /api/admin/groups/{name}: change a group's ratio, description or selectability
export const PATCH = withAdmin<{ name: string }>(async (req, { params }) => {
  const group = await updateGroup(params.name, await parseBody(req, groupUpdateSchema));
  return Response.json(groupToJson(group));
});

// DELETE /api/admin/groups/{name}: delete a group no user, token or channel uses
export const DELETE = withAdmin<{ name: string }>(async (_req, { params }) => {
  await deleteGroup(params.name);
  return new Response(null, { status: 204 });
});
