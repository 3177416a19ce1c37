import { withSession } from "@/lib/auth/guards";
import { ApiError } from "@/lib/errors";
import { parseBody } from "@/lib/http";
import { clientIpFrom } from "@/lib/server/headers";
import { balanceEventToJson } from "@/lib/services/balance-history";
import { redeem } from "@/lib/services/redemptions";
import { redeemSchema } from "@/lib/validation/account";

// POST /api/account/redeem: add a redemption code's credits to the signed-in user's balance
export const POST = withSession(async (req, { actor }) => {
  if (!actor.user || actor.viaAdminKey) throw new ApiError("forbidden", "Sign in to redeem a code for your account.");
  const { code } = await parseBody(req, redeemSchema);
  const event = await redeem(actor.user, code, clientIpFrom(req.headers));
  return Response.json({ balance: event.balanceAfter, ...balanceEventToJson(event) });
});
