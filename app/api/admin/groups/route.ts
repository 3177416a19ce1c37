import { withAdmin } from "@/lib/auth/guards";
import { listGroups } from "@/lib/db/groups";
import { parseBody } from "@/lib/http";
import { createGroup, groupToJson } from "@/lib/services/groups";
import { groupCreateSchema } from "@/lib/validation/groups";

// GET /api/admin/groups: every pricing group
export const GET = withAdmin(async () => {
  return Response.json({ data: (await listGroups()).map(groupToJson) });
});

// POST /api/admin/groups: create a group
export const POST = withAdmin(async (req) => {
  const group = await createGroup(await parseBody(req, groupCreateSchema));
  return Response.json(groupToJson(group), { status: 201 });
});
