import type { tokenToJson } from "@/lib/services/tokens";

/** A token as the dashboard receives it (CONTRACT §3 Token). */
export type TokenRow = ReturnType<typeof tokenToJson>;

export type TokenState = "active" | "disabled" | "expired" | "exhausted";

/** What a token can do right now: disabled wins, then expiry, then an empty quota. */
export function tokenState(t: Pick<TokenRow, "status" | "expiresAt" | "remainingQuota">, now = Date.now()): TokenState {
  if (t.status === "disabled") return "disabled";
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= now) return "expired";
  if (t.remainingQuota === 0) return "exhausted";
  return "active";
}

export const TOKEN_STATE_OPTIONS: { value: TokenState; label: string }[] = [
  { value: "active", label: "Active" },
  { value: "disabled", label: "Disabled" },
  { value: "expired", label: "Expired" },
  { value: "exhausted", label: "Exhausted" },
];
