import { withAdmin } from "@/lib/auth/guards";
import { adminDeleteChannel, adminGetChannel, adminUpdateChannel, channelToJson } from "@/lib/channels";
import { parseBody, parseId } from "@/lib/http";
import { channelUpdateSchema } from "@/lib/validation/channels";

// GET /api/admin/channels/{id}: one channel (key masked)
export const GET = withAdmin<{ id: string }>(async (_req, { params }) => {
  return Response.json(channelToJson(await adminGetChannel(parseId(params.id))));
});

// PATCH /api/admin/channels/{id}: change a channel; status "active" re-enables an auto-disabled one
export const PATCH = withAdmin<{ id: string }>(async (req, { params }) => {
  const id = parseId(params.id);
  const channel = await adminUpdateChannel(id, await parseBody(req, channelUpdateSchema));
  return Response.json(channelToJson(channel));
});

// DELETE /api/admin/channels/{id}: delete a channel
export const DELETE = withAdmin<{ id: string }>(async (_req, { params }) => {
  await adminDeleteChannel(parseId(params.id));
  return new Response(null, { status: 204 });
});
