import { withSession } from "@/lib/auth/guards";
import { parseQuery } from "@/lib/http";
import { balanceEventToJson, getBalanceHistory } from "@/lib/services/balance-history";
import { balanceHistoryQuerySchema } from "@/lib/validation/account";

// GET /api/account/balance-history: the caller's balance changes, newest first (admins: ?userId=)
export const GET = withSession(async (req, { actor }) => {
  const page = await getBalanceHistory(actor, parseQuery(req, balanceHistoryQuerySchema));
  return Response.json({ data: page.data.map(balanceEventToJson), nextCursor: page.nextCursor });
});
