import { withSession } from "@/lib/auth/guards";
import { parseQuery } from "@/lib/http";
import { exportUsageCsv } from "@/lib/services/usage-csv";
import { usageExportQuerySchema } from "@/lib/validation/usage";

// GET /api/usage/export: the caller's usage records matching the filters, as a streamed CSV file
export const GET = withSession(async (req, { actor }) => {
  const body = await exportUsageCsv(actor, parseQuery(req, usageExportQuerySchema));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="usage-${stamp}.csv"`,
    },
  });
});
