import { withAdmin } from "@/lib/auth/guards";
import { listUsers } from "@/lib/db/users";
import { parseBody } from "@/lib/http";
import { createUser, userToJson } from "@/lib/services/users";
import { userCreateSchema } from "@/lib/validation/users";

// GET /api/admin/users: every user account
export const GET = withAdmin(async () => {
  const users = await listUsers();
  return Response.json({ data: users.map(userToJson) });
});

// POST /api/admin/users: create a user
export const POST = withAdmin(async (req) => {
  const user = await createUser(await parseBody(req, userCreateSchema));
  return Response.json(userToJson(user), { status: 201 });
});
