import { getDb, type Prisma } from "@/lib/db/client";
import { mapWriteErrors } from "@/lib/db/errors";
import { stringList } from "@/lib/db/json-columns";
import type { QuotaPeriod } from "@/lib/billing/periods";

const tokenSelect = {
  id: true,
  userId: true,
  name: true,
  keyHash: true,
  keyPreview: true,
  quota: true,
  usedQuota: true,
  heldQuota: true,
  quotaPeriod: true,
  periodUsed: true,
  periodStart: true,
  rpmLimit: true,
  tpmLimit: true,
  concurrencyLimit: true,
  expiresAt: true,
  allowedModels: true,
  allowedIps: true,
  group: true,
  status: true,
  lastUsedAt: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { group: true } },
} satisfies Prisma.TokenSelect;

type Row = Prisma.TokenGetPayload<{ select: typeof tokenSelect }>;

export type TokenStatus = "active" | "disabled";

/** A token as the management API sees it: credits as numbers, lists parsed, `group` effective (the owner's when not pinned). */
export type TokenRecord = Omit<
  Row,
  "quota" | "usedQuota" | "heldQuota" | "quotaPeriod" | "periodUsed" | "periodStart" | "allowedModels" | "allowedIps" | "group" | "status" | "user"
> & {
  quota: number | null;
  usedQuota: number;
  heldQuota: number;
  quotaPeriod: QuotaPeriod;
  /** used in the period stored at periodStart (which may have turned since: see usedInPeriod) */
  periodUsed: number;
  periodStart: number;
  allowedModels: string[];
  allowedIps: string[];
  status: TokenStatus;
  group: string;
  /** The group the token is pinned to, or null when it follows its owner. */
  pinnedGroup: string | null;
};

/** What a new token is made of (the caller generated the key; only its hash is stored); `group` null = follow the owner. */
export type NewToken = Pick<
  TokenRecord,
  "userId" | "name" | "keyHash" | "keyPreview" | "quota" | "quotaPeriod" | "rpmLimit" | "tpmLimit" | "concurrencyLimit" | "expiresAt" | "allowedModels" | "allowedIps"
> & {
  group: string | null;
};

export type TokenChanges = Partial<Omit<NewToken, "keyHash" | "keyPreview"> & Pick<TokenRecord, "status">>;

const missing = { notFound: "token" };

function toToken({ user, group, ...row }: Row): TokenRecord {
  return {
    ...row,
    quota: row.quota === null ? null : Number(row.quota),
    usedQuota: Number(row.usedQuota),
    heldQuota: Number(row.heldQuota),
    quotaPeriod: row.quotaPeriod as QuotaPeriod,
    periodUsed: Number(row.periodUsed),
    periodStart: Number(row.periodStart),
    allowedModels: stringList(row.allowedModels),
    allowedIps: stringList(row.allowedIps),
    pinnedGroup: group,
    group: group ?? user.group,
    status: row.status as TokenStatus,
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

/** Inserts a token. */
export async function createToken(input: NewToken): Promise<TokenRecord> {
  const row = await getDb().token.create({
    data: { ...input, quota: input.quota === null ? null : BigInt(input.quota) },
    select: tokenSelect,
  });
  return toToken(row);
}

/** Updates a token; 404 when there is no such token. */
export async function updateToken(id: number, changes: TokenChanges): Promise<TokenRecord> {
  const { quota, quotaPeriod, ...rest } = changes;
  const db = getDb();
  const row = await mapWriteErrors(
    () =>
      db.$transaction(async (tx) => {
        // A quota lowered below what the token has used stops at what it has used (nothing left),
        // in the same statement, so a settlement landing meanwhile cannot leave it negative.
        if (typeof quota === "number") {
          await tx.$executeRaw`UPDATE tokens SET quota = CASE WHEN "usedQuota" > ${quota} THEN "usedQuota" ELSE ${quota} END WHERE id = ${id}`;
        }
        // A new period starts counting from zero (the next call stores the period's start).
        if (quotaPeriod !== undefined) {
          await tx.$executeRaw`UPDATE tokens SET "quotaPeriod" = ${quotaPeriod}, "periodUsed" = 0, "periodStart" = 0 WHERE id = ${id} AND "quotaPeriod" <> ${quotaPeriod}`;
        }
        const data = quota === null ? { ...rest, quota: null } : rest;
        return tx.token.update({ where: { id }, data, select: tokenSelect });
      }),
    missing,
  );
  return toToken(row);
}

/** Deletes a token for good and answers its keyHash (for cache invalidation); 404 when absent. */
export async function deleteToken(id: number): Promise<string> {
  const row = await mapWriteErrors(() => getDb().token.delete({ where: { id }, select: { keyHash: true } }), missing);
  return row.keyHash;
}

/** How many tokens are pinned to a group. */
export function countTokensInGroup(group: string): Promise<number> {
  return getDb().token.count({ where: { group } });
}
