import { extractApiKey, hashApiKey, looksLikeApiKey } from "@/lib/auth/api-key";
import { checkTokenAccess } from "@/lib/gateway/checks";
import type { RelayInput } from "@/lib/gateway/http";
import type { AuthToken, GatewayDeps, Outcome } from "@/lib/gateway/types";

/**
 * Checks 1–4: a known key, active, not expired, from an allowed address. Answers the token too
 * when it is known but refused (its owner may see why in the request log).
 */
export async function authenticate(input: RelayInput, deps: GatewayDeps): Promise<{ outcome: Outcome<AuthToken>; token: AuthToken | null }> {
  const key = extractApiKey(input.headers);
  const token = key && looksLikeApiKey(key) ? await deps.findToken(hashApiKey(key)) : null;
  if (!token) {
    const message = key ? "Incorrect API key provided." : "You didn't provide an API key. Use 'Authorization: Bearer <key>'.";
    return { outcome: { ok: false, code: "invalid_api_key", message }, token: null };
  }
  const access = checkTokenAccess(token, input.clientIp, deps.now());
  if (!access.ok) return { outcome: access, token };
  deps.touchToken(token.id);
  return { outcome: { ok: true, value: token }, token };
}
