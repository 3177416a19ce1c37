import { withSession } from "@/lib/auth/guards";
import { parseQuery } from "@/lib/http";
import { usageSummary } from "@/lib/usage";
import { usageSummaryQuerySchema } from "@/lib/validation/usage";

// GET /api/usage/summary: the caller's usage totals per UTC day, model or token
export const GET = withSession(async (req, { actor }) => {
  return Response.json({ data: await usageSummary(actor, parseQuery(req, usageSummaryQuerySchema)) });
});
