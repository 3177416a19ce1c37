import { withAdmin } from "@/lib/auth/guards";
import { parseBody } from "@/lib/http";
import { createRedemptionBatch, getRedemptions, redemptionToJson } from "@/lib/services/redemptions";
import { redemptionCreateSchema } from "@/lib/validation/redemptions";

// GET /api/admin/redemptions: every code (previews only, never the code)
export const GET = withAdmin(async () => Response.json({ data: (await getRedemptions()).map(redemptionToJson) }));

// POST /api/admin/redemptions: create a batch of codes; the codes are in this answer only
export const POST = withAdmin(async (req) => {
  const created = await createRedemptionBatch(await parseBody(req, redemptionCreateSchema));
  return Response.json({ data: created.map(redemptionToJson) }, { status: 201 });
});
