import { withAdmin } from "@/lib/auth/guards";
import { adminDeleteGroup, adminGetGroup, adminUpdateGroup, groupToJson } from "@/lib/groups";
import { parseBody } from "@/lib/http";
import { groupUpdateSchema } from "@/lib/validation/groups";

// GET /api/admin/groups/{name}: one group
export const GET = withAdmin<{ name: string }>(async (_req, { params }) => {
  return Response.json(groupToJson(await adminGetGroup(params.name)));
});

// PATCH /api/admin/groups/{name}: change a group's ratio, description or selectability
export const PATCH = withAdmin<{ name: string }>(async (req, { params }) => {
  const group = await adminUpdateGroup(params.name, await parseBody(req, groupUpdateSchema));
  return Response.json(groupToJson(group));
});

// DELETE /api/admin/groups/{name}: delete a group no user, token or channel uses
export const DELETE = withAdmin<{ name: string }>(async (_req, { params }) => {
  await adminDeleteGroup(params.name);
  return new Response(null, { status: 204 });
});
