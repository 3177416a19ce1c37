import { createHash, randomBytes } from "node:crypto";
import { attemptLimiter } from "@/lib/auth/attempt-limiter";
import type { BalanceEventRow } from "@/lib/db/balance-events";
import { createRedemptions, listRedemptions, redeemCode, setRedemptionStatus, type RedemptionRow } from "@/lib/db/redemptions";
import type { User } from "@/lib/db/users";
import { ApiError } from "@/lib/errors";
import type { RedemptionCreate } from "@/lib/validation/redemptions";

/** Redemption attempts allowed per minute for one user, and for one client address. */
export const REDEEM_ATTEMPTS_PER_USER = 10;
export const REDEEM_ATTEMPTS_PER_IP = 100;

// Crockford's base32: no I, L, O or U, so a code read aloud or retyped stays unambiguous.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIX = "GW";

/** A new code: "GW-" and four groups of four characters, 80 random bits. */
function newCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let body = "";
  for (let i = 0; i < 16; i++) body = ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)] + body;
  return `${PREFIX}-${body.match(/.{4}/g)!.join("-")}`;
}

/** A code as typed ("gw-abcd efgh…", any case, dashes and spaces) in the form it is hashed in. */
function canonical(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

const hash = (code: string) => createHash("sha256").update(canonical(code)).digest("hex");
const preview = (code: string) => `${code.slice(0, 7)}…${code.slice(-4)}`;

/** Admin: creates a batch of codes; the codes are in this answer only. */
export async function createRedemptionBatch(input: RedemptionCreate): Promise<(RedemptionRow & { code: string })[]> {
  const codes = Array.from({ length: input.count }, newCode);
  const rows = await createRedemptions(
    { name: input.name, amount: input.amount, maxUses: input.maxUses ?? 1, expiresAt: input.expiresAt ?? null },
    codes.map((c) => ({ hash: hash(c), preview: preview(c) })),
  );
  return rows.map((r, i) => ({ ...r, code: codes[i] }));
}

/** Admin: every code (previews only). */
export function getRedemptions(): Promise<RedemptionRow[]> {
  return listRedemptions();
}

/** Admin: enables or disables a code. */
export async function updateRedemption(id: number, status: RedemptionRow["status"]): Promise<RedemptionRow> {
  const row = await setRedemptionStatus(id, status);
  if (!row) throw new ApiError("not_found", "No such redemption code.");
  return row;
}

/**
 * Redeems a code for the signed-in user. Guessing is throttled per user and per address; every code
 * that cannot be redeemed (unknown, used up, expired, disabled, already redeemed by this user) gets
 * the same answer, so trying codes tells nothing about them.
 */
export async function redeem(user: User, code: string, clientIp: string | null): Promise<BalanceEventRow> {
  const now = Date.now();
  const byUser = await attemptLimiter("redeem").hit(`u:${user.id}`, REDEEM_ATTEMPTS_PER_USER, now);
  const byIp = clientIp ? await attemptLimiter("redeem").hit(`ip:${clientIp}`, REDEEM_ATTEMPTS_PER_IP, now) : { ok: true as const };
  const refused = !byUser.ok ? byUser : !byIp.ok ? byIp : null;
  if (refused) {
    throw new ApiError("rate_limit_exceeded", `Too many redemption attempts. Try again in ${refused.retryAfterSeconds} seconds.`);
  }
  const event = await redeemCode(hash(code), user.id);
  if (!event) throw new ApiError("invalid_request", "code: This code cannot be redeemed.", "code");
  return event;
}

/** The public shape of a code (never the code itself). */
export function redemptionToJson(r: RedemptionRow & { code?: string }) {
  return {
    id: r.id,
    ...(r.code ? { code: r.code } : {}),
    name: r.name,
    codePreview: r.codePreview,
    amount: r.amount,
    maxUses: r.maxUses,
    uses: r.uses,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  };
}
