import { withAdmin } from "@/lib/auth/guards";
import { channelToJson, deleteChannel, getChannel, updateChannel } from "@/lib/services/channels";
import { parseBody, parseId } from "@/lib/http";
import { channelUpdateSchema } from "@/lib/validation/channels";

// GET /api/admin/channels/{id}: one channel (key masked)
export const GET = withAdmin<{ id: string }>(async (_req, { params }) => {
  return Response.json(channelToJson(await getChannel(parseId(params.id))));
});

// PATCH /api/admin/channels/{id}: change a channel; status "active" re-enables an auto-disabled one
export const PATCH = withAdmin<{ id: string }>(async (req, { params }) => {
  const id = parseId(params.id);
  const channel = await updateChannel(id, await parseBody(req, channelUpdateSchema));
  return Response.json(channelToJson(channel));
});

// DELETE /api/admin/channels/{id}: delete a channel
export const DELETE = withAdmin<{ id: string }>(async (_req, { params }) => {
  await deleteChannel(parseId(params.id));
  return new Response(null, { status: 204 });
});
