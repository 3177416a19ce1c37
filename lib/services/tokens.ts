import type { Actor } from "@/lib/auth/guards";
import { generateApiKey, hashApiKey, keyPreview } from "@/lib/auth/api-key";
import { invalidate } from "@/lib/cache/bus";
import { getGroup } from "@/lib/db/groups";
import * as db from "@/lib/db/tokens";
import type { TokenChanges, TokenRecord } from "@/lib/db/tokens";
import { getUser, type User } from "@/lib/db/users";
import { ApiError, notFoundError, orNotFound } from "@/lib/errors";
import { resolveOwner } from "@/lib/services/owner";
import type { TokenCreate, TokenUpdate } from "@/lib/validation/tokens";
import { LIMIT_LABELS, limitAboveGroup, type Limits } from "@/lib/validation/limits";
import { periodEndAt, usedInPeriod } from "@/lib/billing/periods";
import { getConfig } from "@/lib/config";

/** Refuses a token's limits above its group's (400, `param` names the field). */
async function checkLimits(groupName: string, limits: Partial<Limits>): Promise<void> {
  const group = await getGroup(groupName);
  if (!group) return;
  const above = limitAboveGroup(limits, group);
  if (above) {
    const { unit } = LIMIT_LABELS[above.field];
    throw new ApiError(
      "invalid_request",
      `${above.field}: may not exceed the limit of group '${groupName}' (${above.ceiling} ${unit})`,
      above.field,
    );
  }
}

/**
 * Checks a requested group for a token of `owner` and answers what to store: null (follow the
 * owner) when it is the owner's own group, else the name. Users may pick selectable groups; admins any.
 */
async function storedGroup(actor: Actor, owner: User, group: string | null | undefined): Promise<string | null> {
  if (group === null || group === undefined || group === owner.group) return null;
  const found = await getGroup(group);
  if (!found) throw new ApiError("invalid_request", `group: no group named '${group}'`, "group");
  if (!actor.isAdmin && !found.selectable) {
    throw new ApiError("invalid_request", `group: '${group}' is not open for selection`, "group");
  }
  return group;
}

/** Tokens the caller asked for: their own, or (admins) a user's or, with "all", everyone's. */
export async function listTokens(actor: Actor, userId: number | "all" | undefined): Promise<TokenRecord[]> {
  if (userId === "all") {
    if (!actor.isAdmin) throw new ApiError("forbidden", "Only admins may list every user's tokens.", "userId");
    return db.listTokens();
  }
  return db.listTokens((await resolveOwner(actor, userId)).id);
}

/** The token if the caller may see it (its owner, or an admin); otherwise 404. */
export async function getToken(actor: Actor, id: number): Promise<TokenRecord> {
  const token = await db.getToken(id);
  if (!token || (!actor.isAdmin && token.userId !== actor.user?.id)) throw notFoundError("token");
  return token;
}

/** Creates a token and answers it with the key, which is never retrievable again. */
export async function createToken(actor: Actor, input: TokenCreate): Promise<{ token: TokenRecord; key: string }> {
  const owner = await resolveOwner(actor, input.userId);
  const group = await storedGroup(actor, owner, input.group);
  await checkLimits(group ?? owner.group, input);
  const key = generateApiKey();
  const token = await db.createToken({
    userId: owner.id,
    name: input.name,
    keyHash: hashApiKey(key),
    keyPreview: keyPreview(key),
    quota: input.quota ?? null,
    quotaPeriod: input.quotaPeriod ?? "none",
    rpmLimit: input.rpmLimit ?? null,
    tpmLimit: input.tpmLimit ?? null,
    concurrencyLimit: input.concurrencyLimit ?? null,
    expiresAt: input.expiresAt ?? null,
    allowedModels: input.allowedModels ?? [],
    allowedIps: input.allowedIps ?? [],
    group,
  });
  invalidate("token", token.keyHash);
  return { token, key };
}

/** Changes a token's settings, status, or (admins) owner. */
export async function updateToken(actor: Actor, id: number, input: TokenUpdate): Promise<TokenRecord> {
  const current = await getToken(actor, id);
  const { userId, group, ...rest } = input;
  const changes: TokenChanges = { ...rest };
  let owner: User | null = null;
  if (userId !== undefined && userId !== current.userId) {
    if (!actor.isAdmin) throw new ApiError("forbidden", "Only admins may move a token to another user.", "userId");
    owner = await resolveOwner(actor, userId);
    changes.userId = owner.id;
  }
  if (group !== undefined || owner) {
    owner ??= orNotFound(await getUser(current.userId), "token");
    // Moving a token re-checks the group it keeps against its new owner.
    changes.group = await storedGroup(actor, owner, group === undefined ? current.pinnedGroup : group);
  }
  if (changes.group !== undefined || input.rpmLimit !== undefined || input.tpmLimit !== undefined || input.concurrencyLimit !== undefined) {
    // The limits the token keeps are checked against the group it will be in.
    const groupName = changes.group !== undefined ? (changes.group ?? owner!.group) : current.group;
    await checkLimits(groupName, {
      rpmLimit: input.rpmLimit === undefined ? current.rpmLimit : input.rpmLimit,
      tpmLimit: input.tpmLimit === undefined ? current.tpmLimit : input.tpmLimit,
      concurrencyLimit: input.concurrencyLimit === undefined ? current.concurrencyLimit : input.concurrencyLimit,
    });
  }
  const token = await db.updateToken(id, changes);
  invalidate("token", token.keyHash);
  return token;
}

/** Deletes a token for good (its usage records keep the token's name). */
export async function deleteToken(actor: Actor, id: number): Promise<void> {
  await getToken(actor, id);
  invalidate("token", await db.deleteToken(id));
}

/**
 * The public shape of a token (CONTRACT §3 and §5); `heldQuota` is what requests in flight have
 * reserved. With a quota period, `periodUsed` and `remainingQuota` are the current period's.
 */
export function tokenToJson(t: TokenRecord) {
  const now = Date.now();
  const zone = getConfig().budgetTimeZone;
  const periodUsed = t.quotaPeriod === "none" ? t.usedQuota : usedInPeriod(t.quotaPeriod, t.periodUsed, t.periodStart, now, zone);
  const resets = periodEndAt(t.quotaPeriod, now, zone);
  return {
    id: t.id,
    name: t.name,
    keyPreview: t.keyPreview,
    quota: t.quota,
    usedQuota: t.usedQuota,
    heldQuota: t.heldQuota,
    remainingQuota: t.quota === null ? null : Math.max(0, t.quota - periodUsed),
    quotaPeriod: t.quotaPeriod,
    periodUsed,
    periodResetsAt: resets === null ? null : new Date(resets).toISOString(),
    rpmLimit: t.rpmLimit,
    tpmLimit: t.tpmLimit,
    concurrencyLimit: t.concurrencyLimit,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    allowedModels: t.allowedModels,
    allowedIps: t.allowedIps,
    group: t.group,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    userId: t.userId,
  };
}
