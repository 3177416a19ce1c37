import { withAdmin } from "@/lib/auth/guards";
import { parseBody, parseId } from "@/lib/http";
import { redemptionToJson, updateRedemption } from "@/lib/services/redemptions";
import { redemptionUpdateSchema } from "@/lib/validation/redemptions";

// PATCH /api/admin/redemptions/{id}: enable or disable a code
export const PATCH = withAdmin<{ id: string }>(async (req, { params }) => {
  const { status } = await parseBody(req, redemptionUpdateSchema);
  return Response.json(redemptionToJson(await updateRedemption(parseId(params.id), status)));
});
