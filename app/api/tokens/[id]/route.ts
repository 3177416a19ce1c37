import { withSession } from "@/lib/auth/guards";
import { parseBody, parseId } from "@/lib/http";
import { deleteToken, getToken, tokenToJson, updateToken } from "@/lib/services/tokens";
import { tokenUpdateSchema } from "@/lib/validation/tokens";

// GET /api/tokens/{id}: one of the caller's tokens (admins: anyone's)
export const GET = withSession<{ id: string }>(async (_req, { actor, params }) => {
  return Response.json(tokenToJson(await getToken(actor, parseId(params.id))));
});

// PATCH /api/tokens/{id}: change a token's settings or status
export const PATCH = withSession<{ id: string }>(async (req, { actor, params }) => {
  const id = parseId(params.id);
  const token = await updateToken(actor, id, await parseBody(req, tokenUpdateSchema));
  return Response.json(tokenToJson(token));
});

// DELETE /api/tokens/{id}: delete a token for good
export const DELETE = withSession<{ id: string }>(async (_req, { actor, params }) => {
  await deleteToken(actor, parseId(params.id));
  return new Response(null, { status: 204 });
});
