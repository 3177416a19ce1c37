import { withAdmin } from "@/lib/auth/guards";
import { parseBody, parseId } from "@/lib/http";
import { topUpUser, userToJson } from "@/lib/services/users";
import { topupSchema } from "@/lib/validation/users";

// POST /api/admin/users/{id}/topup: add (or, negative, remove) credits; never below 0
export const POST = withAdmin<{ id: string }>(async (req, { params }) => {
  const id = parseId(params.id);
  const { amount, note } = await parseBody(req, topupSchema);
  return Response.json(userToJson(await topUpUser(id, amount, note)));
});
