import { getDb } from "@/lib/db/client";

const tokenSelect = {
  id: true,
  userId: true,
  name: true,
  keyHash: true,
  keyPreview: true,
  quota: true,
  usedQuota: true,
  heldQuota: true,
  expiresAt: true,
  allowedModels: true,
  allowedIps: true,
  group: true,
  status: true,
  lastUsedAt: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { group: true } },
} as const;

/** A token as the management API sees it; `group` is effective (the owner's when not pinned). */
export type TokenRecord = {
  id: number;
  userId: number;
  name: string;
  keyHash: string;
  keyPreview: string;
  quota: number | null;
  usedQuota: number;
  heldQuota: number;
  expiresAt: Date | null;
  allowedModels: string[];
  allowedIps: string[];
  /** The group the token is pinned to, or null when it follows its owner. */
  pinnedGroup: string | null;
  group: string;
  status: "active" | "disabled";
  lastUsedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

type Row = {
  id: number;
  userId: number;
  name: string;
  keyHash: string;
  keyPreview: string;
  quota: bigint | null;
  usedQuota: bigint;
  heldQuota: bigint;
  expiresAt: Date | null;
  allowedModels: unknown;
  allowedIps: unknown;
  group: string | null;
  status: string;
  lastUsedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  user: { group: string };
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);

function toToken({ user, group, ...row }: Row): TokenRecord {
  return {
    ...row,
    quota: row.quota === null ? null : Number(row.quota),
    usedQuota: Number(row.usedQuota),
    heldQuota: Number(row.heldQuota),
    allowedModels: strings(row.allowedModels),
    allowedIps: strings(row.allowedIps),
    pinnedGroup: group,
    group: group ?? user.group,
    status: row.status as TokenRecord["status"],
  };
}

/** Tokens of one user (or of everyone when userId is undefined), newest first. */
export async function listTokens(userId?: number): Promise<TokenRecord[]> {
  const rows = await getDb().token.findMany({
    where: userId === undefined ? {} : { userId },
    orderBy: { id: "desc" },
    select: tokenSelect,
  });
  return rows.map(toToken);
}

/** The token with this id, or null. */
export async function getToken(id: number): Promise<TokenRecord | null> {
  const row = await getDb().token.findUnique({ where: { id }, select: tokenSelect });
  return row ? toToken(row) : null;
}

export type NewToken = {
  userId: number;
  name: string;
  keyHash: string;
  keyPreview: string;
  quota: number | null;
  expiresAt: Date | null;
  allowedModels: string[];
  allowedIps: string[];
  group: string | null;
};

/** Inserts a token (the caller generated the key and keeps it; only its hash is stored). */
export async function createToken(input: NewToken): Promise<TokenRecord> {
  const row = await getDb().token.create({
    data: { ...input, quota: input.quota === null ? null : BigInt(input.quota) },
    select: tokenSelect,
  });
  return toToken(row);
}

export type TokenChanges = Partial<{
  userId: number;
  name: string;
  quota: number | null;
  expiresAt: Date | null;
  allowedModels: string[];
  allowedIps: string[];
  group: string | null;
  status: "active" | "disabled";
}>;

/** Updates a token; null when there is no such token. */
export async function updateToken(id: number, changes: TokenChanges): Promise<TokenRecord | null> {
  const { quota, ...rest } = changes;
  const data = quota === undefined ? rest : { ...rest, quota: quota === null ? null : BigInt(quota) };
  const { count } = await getDb().token.updateMany({ where: { id }, data });
  return count ? getToken(id) : null;
}

/** Deletes a token for good and answers its keyHash (for cache invalidation), or null when absent. */
export async function deleteToken(id: number): Promise<string | null> {
  try {
    const row = await getDb().token.delete({ where: { id }, select: { keyHash: true } });
    return row.keyHash;
  } catch (err) {
    if ((err as { code?: string }).code === "P2025") return null;
    throw err;
  }
}

/** How many tokens are pinned to a group. */
export function countTokensInGroup(group: string): Promise<number> {
  return getDb().token.count({ where: { group } });
}
