import { withAdmin } from "@/lib/auth/guards";
import { testChannel } from "@/lib/channel-test";
import { adminGetChannel } from "@/lib/channels";
import { parseId } from "@/lib/http";

// POST /api/admin/channels/{id}/test: send a one-token request through the channel and report latency or the error
export const POST = withAdmin<{ id: string }>(async (_req, { params }) => {
  const channel = await adminGetChannel(parseId(params.id));
  return Response.json(await testChannel(channel));
});
