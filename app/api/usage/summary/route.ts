import { withSession } from "@/lib/auth/guards";
import { parseQuery } from "@/lib/http";
import { summarizeUsage } from "@/lib/services/usage";
import { usageSummaryQuerySchema } from "@/lib/validation/usage";

// GET /api/usage/summary: the caller's usage totals per UTC day, model or token
export const GET = withSession(async (req, { actor }) => {
  return Response.json({ data: await summarizeUsage(actor, parseQuery(req, usageSummaryQuerySchema)) });
});
