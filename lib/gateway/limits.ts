// Check 8: a token's limits (its own, within its group's; RATE_LIMIT_RPM when neither sets a
// request rate) and the x-ratelimit-* headers that tell clients where they stand.
import type { Admission, AuthToken, CallLimits, GroupLimits, WindowState } from "@/lib/gateway/types";

const lower = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/** The limits a token's calls run under: the lower of the token's and its group's. */
export function effectiveLimits(token: AuthToken, group: GroupLimits | undefined, defaultRpm: number): CallLimits {
  const rpm = lower(token.rpmLimit, group?.rpmLimit ?? null);
  return {
    rpm: rpm ?? (defaultRpm > 0 ? defaultRpm : null),
    tpm: lower(token.tpmLimit, group?.tpmLimit ?? null),
    concurrency: lower(token.concurrencyLimit, group?.concurrencyLimit ?? null),
  };
}

export const hasLimits = (l: CallLimits) => l.rpm !== null || l.tpm !== null || l.concurrency !== null;

/** A duration as OpenAI writes it in reset headers: "250ms", "6s", "1.5s", "1m0s". */
export function formatReset(ms: number): string {
  const t = Math.max(0, Math.ceil(ms));
  if (t < 1000) return `${t}ms`;
  if (t < 60_000) return `${Number((t / 1000).toFixed(3))}s`;
  return `${Math.floor(t / 60_000)}m${Number(((t % 60_000) / 1000).toFixed(3))}s`;
}

function trio(kind: "requests" | "tokens", w: WindowState | null): Record<string, string> {
  if (!w) return {};
  return {
    [`x-ratelimit-limit-${kind}`]: String(w.limit),
    [`x-ratelimit-remaining-${kind}`]: String(w.remaining),
    [`x-ratelimit-reset-${kind}`]: formatReset(w.resetMs),
  };
}

/** The x-ratelimit-* headers of a check (the requests and the tokens trios, where a limit applies). */
export function rateLimitHeaders(a: Admission): Record<string, string> {
  return { ...trio("requests", a.requests), ...trio("tokens", a.tokens) };
}

/** Why a call was refused, in words a client can act on. */
export function refusalMessage(a: Admission, tokens: number): string {
  if (a.refusedBy === "tokens" && a.tokens && tokens > a.tokens.limit) {
    return `This request may use up to ${tokens} tokens, more than this API key's limit of ${a.tokens.limit} tokens per minute. Lower max_tokens or the input.`;
  }
  if (a.refusedBy === "tokens") return `Rate limit reached for this API key: ${a.tokens?.limit} tokens per minute. Retry after the indicated time.`;
  if (a.refusedBy === "concurrency") return "Too many requests in flight for this API key. Retry once one has finished.";
  return `Rate limit reached for this API key: ${a.requests?.limit} requests per minute. Retry after the indicated time.`;
}
