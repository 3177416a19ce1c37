import { withSession } from "@/lib/auth/guards";
import { parseQuery } from "@/lib/http";
import { listUsage, usageToJson } from "@/lib/services/usage";
import { usageQuerySchema } from "@/lib/validation/usage";

// GET /api/usage: the caller's usage records, newest first, one page at a time
export const GET = withSession(async (req, { actor }) => {
  const page = await listUsage(actor, parseQuery(req, usageQuerySchema));
  return Response.json({ data: page.data.map(usageToJson), nextCursor: page.nextCursor });
});
