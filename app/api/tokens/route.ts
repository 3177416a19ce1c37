import { withSession } from "@/lib/auth/guards";
import { parseBody, parseQuery } from "@/lib/http";
import { createToken, listTokens, tokenToJson } from "@/lib/services/tokens";
import { tokenCreateSchema, tokenListQuerySchema } from "@/lib/validation/tokens";

// GET /api/tokens: the caller's tokens (admins: ?userId=<id>|all)
export const GET = withSession(async (req, { actor }) => {
  const { userId } = parseQuery(req, tokenListQuerySchema);
  const tokens = await listTokens(actor, userId);
  return Response.json({ data: tokens.map(tokenToJson) });
});

// POST /api/tokens: create a token; the answer is the only time its key is shown
export const POST = withSession(async (req, { actor }) => {
  const { token, key } = await createToken(actor, await parseBody(req, tokenCreateSchema));
  return Response.json({ ...tokenToJson(token), key }, { status: 201 });
});
