import { withAdmin } from "@/lib/auth/guards";
import { parseId } from "@/lib/http";
import { testChannel } from "@/lib/services/channel-test";
import { getChannel } from "@/lib/services/channels";

// POST /api/admin/channels/{id}/test: send a one-token request through the channel and report latency or the error
export const POST = withAdmin<{ id: string }>(async (_req, { params }) => {
  const channel = await getChannel(parseId(params.id));
  return Response.json(await testChannel(channel));
});
