import { extractApiKey, hashApiKey, looksLikeApiKey } from "@/lib/auth/api-key";
import { checkTokenAccess } from "@/lib/gateway/checks";
import type { RelayInput } from "@/lib/gateway/http";
import type { AuthToken, GatewayDeps, Outcome } from "@/lib/gateway/types";

/** Checks 1–4: a known key, active, not expired, from an allowed address. */
export async function authenticate(input: RelayInput, deps: GatewayDeps): Promise<Outcome<AuthToken>> {
  const key = extractApiKey(input.headers);
  const token = key && looksLikeApiKey(key) ? await deps.findToken(hashApiKey(key)) : null;
  if (!token) {
    return {
      ok: false,
      code: "invalid_api_key",
      message: key ? "Incorrect API key provided." : "You didn't provide an API key. Use 'Authorization: Bearer <key>'.",
    };
  }
  const access = checkTokenAccess(token, input.clientIp, deps.now());
  if (!access.ok) return access;
  deps.touchToken(token.id);
  return { ok: true, value: token };
}
