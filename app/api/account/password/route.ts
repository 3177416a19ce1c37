import { withSession } from "@/lib/auth/guards";
import { changePassword } from "@/lib/services/account";
import { ApiError } from "@/lib/errors";
import { parseBody } from "@/lib/http";
import { changePasswordSchema } from "@/lib/validation/auth";

// POST /api/account/password: change the signed-in user's password (the current one is required)
export const POST = withSession(async (req, { actor }) => {
  if (!actor.user || actor.viaAdminKey) throw new ApiError("forbidden", "Sign in to change your password.");
  await changePassword(actor.user, await parseBody(req, changePasswordSchema));
  return new Response(null, { status: 204 });
});
