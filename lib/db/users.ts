import { changeBalance } from "@/lib/db/balance-events";
import { getDb, type Prisma } from "@/lib/db/client";
import { mapWriteErrors } from "@/lib/db/errors";
import type { SpendPeriod } from "@/lib/billing/periods";

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  group: true,
  balance: true,
  heldBalance: true,
  spendLimit: true,
  spendLimitPeriod: true,
  periodSpent: true,
  spendPeriodStart: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.UserSelect;

type Row = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export type Role = "user" | "admin";
export type UserStatus = "active" | "disabled";

/** A user account (never its password hash), credits as numbers. */
export type User = Omit<Row, "role" | "status" | "balance" | "heldBalance" | "spendLimit" | "spendLimitPeriod" | "periodSpent" | "spendPeriodStart"> & {
  role: Role;
  status: UserStatus;
  balance: number;
  heldBalance: number;
  spendLimit: number | null;
  spendLimitPeriod: SpendPeriod;
  /** spent in the period stored at spendPeriodStart (which may have turned since: see usedInPeriod) */
  periodSpent: number;
  spendPeriodStart: number;
};

export type NewUser = Pick<User, "email"> &
  Partial<Pick<User, "name" | "role" | "group" | "status" | "spendLimit" | "spendLimitPeriod">> & { passwordHash: string };

export type UserChanges = Partial<
  Pick<User, "email" | "name" | "role" | "group" | "status" | "spendLimit" | "spendLimitPeriod"> & { passwordHash: string }
>;

const emailTaken = { conflict: { message: "A user with this email exists.", param: "email" }, notFound: "user" };

function toUser(row: Row): User {
  return {
    ...row,
    role: row.role as Role,
    status: row.status as UserStatus,
    balance: Number(row.balance),
    heldBalance: Number(row.heldBalance),
    spendLimit: row.spendLimit === null ? null : Number(row.spendLimit),
    spendLimitPeriod: row.spendLimitPeriod as SpendPeriod,
    periodSpent: Number(row.periodSpent),
    spendPeriodStart: Number(row.spendPeriodStart),
  };
}

/** The user with this id, or null. */
export async function getUser(id: number): Promise<User | null> {
  const row = await getDb().user.findUnique({ where: { id }, select: userSelect });
  return row ? toUser(row) : null;
}

/** The user and password hash for a login attempt. */
export async function getUserCredentials(email: string) {
  return getDb().user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, passwordHash: true, status: true },
  });
}

/** How many users exist (0 = first run). */
export function countUsers(): Promise<number> {
  return getDb().user.count();
}

/** How many users belong to a group. */
export function countUsersInGroup(group: string): Promise<number> {
  return getDb().user.count({ where: { group } });
}

/** The first admin, which ADMIN_API_KEY acts as. */
export async function getRootAdmin(): Promise<User | null> {
  const row = await getDb().user.findFirst({
    where: { role: "admin" },
    orderBy: { id: "asc" },
    select: userSelect,
  });
  return row ? toUser(row) : null;
}

/** All users, oldest first. */
export async function listUsers(): Promise<User[]> {
  const rows = await getDb().user.findMany({ orderBy: { id: "asc" }, select: userSelect });
  return rows.map(toUser);
}

/** Creates a user; 409 conflict when the email is taken. */
export async function createUser(input: NewUser): Promise<User> {
  const { spendLimit, ...rest } = input;
  const data = { ...rest, email: input.email.toLowerCase(), ...(spendLimit != null ? { spendLimit: BigInt(spendLimit) } : {}) };
  const row = await mapWriteErrors(
    () => getDb().user.create({ data, select: userSelect }),
    emailTaken,
  );
  return toUser(row);
}

/**
 * Creates the first admin only while no user exists. Serialized by a transaction so two
 * concurrent setup requests cannot both succeed; returns null when a user already exists.
 */
export async function createFirstAdmin(input: Omit<NewUser, "role">): Promise<User | null> {
  return getDb().$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) return null;
    const row = await tx.user.create({
      data: { ...input, email: input.email.toLowerCase(), role: "admin" },
      select: userSelect,
    });
    return toUser(row);
  }, { isolationLevel: "Serializable" });
}

/** Replaces a user's password hash. */
export async function setPasswordHash(id: number, passwordHash: string): Promise<void> {
  await getDb().user.update({ where: { id }, data: { passwordHash }, select: { id: true } });
}

/** Updates a user; 404 when there is no such user, 409 conflict when the new email is taken. */
export async function updateUser(id: number, changes: UserChanges): Promise<User> {
  const { spendLimit, ...rest } = changes;
  const data = {
    ...rest,
    ...(rest.email ? { email: rest.email.toLowerCase() } : {}),
    ...(spendLimit !== undefined ? { spendLimit: spendLimit === null ? null : BigInt(spendLimit) } : {}),
  };
  const period = changes.spendLimitPeriod;
  const row = await mapWriteErrors(
    () =>
      getDb().$transaction(async (tx) => {
        // A new spend period counts from zero (the next call stores the period's start).
        if (period !== undefined) {
          await tx.$executeRaw`UPDATE users SET "spendLimitPeriod" = ${period}, "periodSpent" = 0, "spendPeriodStart" = 0 WHERE id = ${id} AND "spendLimitPeriod" <> ${period}`;
        }
        return tx.user.update({ where: { id }, data, select: userSelect });
      }),
    emailTaken,
  );
  return toUser(row);
}

/**
 * Adds `amount` credits (may be negative) to a user's balance and records it in the balance
 * history with `note`; the spendable balance (balance - heldBalance) never drops below 0 however
 * many calls race. Answers "ok", "not_found", or "insufficient" when a debit would go below 0.
 */
export async function topUpUser(id: number, amount: number, note: string): Promise<"ok" | "not_found" | "insufficient"> {
  const kind = amount > 0 ? "topup" : "deduction";
  const outcome = await getDb().$transaction((tx) => changeBalance(tx, { userId: id, amount, kind, note }));
  return outcome.ok ? "ok" : outcome.reason;
}
