import { withAdmin } from "@/lib/auth/guards";
import { listGroups } from "@/lib/db/groups";
import { adminCreateGroup, groupToJson } from "@/lib/groups";
import { parseBody } from "@/lib/http";
import { groupCreateSchema } from "@/lib/validation/groups";

// GET /api/admin/groups: every pricing group
export const GET = withAdmin(async () => {
  return Response.json({ data: (await listGroups()).map(groupToJson) });
});

// POST /api/admin/groups: create a group
export const POST = withAdmin(async (req) => {
  const group = await adminCreateGroup(await parseBody(req, groupCreateSchema));
  return Response.json(groupToJson(group), { status: 201 });
});
