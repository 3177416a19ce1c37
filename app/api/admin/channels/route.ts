import { withAdmin } from "@/lib/auth/guards";
import { listChannels } from "@/lib/db/channels";
import { parseBody } from "@/lib/http";
import { channelToJson, createChannel } from "@/lib/services/channels";
import { channelCreateSchema } from "@/lib/validation/channels";

// GET /api/admin/channels: every upstream channel (keys masked)
export const GET = withAdmin(async () => {
  return Response.json({ data: (await listChannels()).map(channelToJson) });
});

// POST /api/admin/channels: add an upstream channel
export const POST = withAdmin(async (req) => {
  const channel = await createChannel(await parseBody(req, channelCreateSchema));
  return Response.json(channelToJson(channel), { status: 201 });
});
