import { z } from "zod";
import { withAdmin } from "@/lib/auth/guards";
import { parseId, parseQuery } from "@/lib/http";
import { testChannelKey } from "@/lib/services/channels";

const querySchema = z.strictObject({ key: z.coerce.number().int().min(0).max(99).optional() });

// POST /api/admin/channels/{id}/test[?key=N]: send a one-token request through the channel (with its key N, else its first) and report latency or the error
export const POST = withAdmin<{ id: string }>(async (req, { params }) => {
  const { key } = parseQuery(req, querySchema);
  return Response.json(await testChannelKey(parseId(params.id), key ?? 0));
});
