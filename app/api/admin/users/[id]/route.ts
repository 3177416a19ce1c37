import { withAdmin } from "@/lib/auth/guards";
import { parseBody, parseId } from "@/lib/http";
import { getUser, updateUser, userToJson } from "@/lib/services/users";
import { userUpdateSchema } from "@/lib/validation/users";

// GET /api/admin/users/{id}: one user account
export const GET = withAdmin<{ id: string }>(async (_req, { params }) => {
  return Response.json(userToJson(await getUser(parseId(params.id))));
});

// PATCH /api/admin/users/{id}: change a user's profile, role, group, status or password
export const PATCH = withAdmin<{ id: string }>(async (req, { params }) => {
  const user = await updateUser(parseId(params.id), await parseBody(req, userUpdateSchema));
  return Response.json(userToJson(user));
});
