import { getDb } from "@/lib/db/client";

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  group: true,
  balance: true,
  heldBalance: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type Role = "user" | "admin";

export type User = {
  id: number;
  email: string;
  name: string;
  role: Role;
  group: string;
  balance: number;
  heldBalance: number;
  status: "active" | "disabled";
  createdAt: Date;
  updatedAt: Date;
};

type Row = {
  id: number;
  email: string;
  name: string;
  role: string;
  group: string;
  balance: bigint;
  heldBalance: bigint;
  status: string;
  createdAt: Date;
  updatedAt: Date;
};

function toUser(row: Row): User {
  return {
    ...row,
    role: row.role as Role,
    status: row.status as User["status"],
    balance: Number(row.balance),
    heldBalance: Number(row.heldBalance),
  };
}

/** The user with this id, or null. */
export async function getUserById(id: number): Promise<User | null> {
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

export type NewUser = {
  email: string;
  passwordHash: string;
  name?: string;
  role?: Role;
  group?: string;
};

/** Creates a user; throws Prisma's P2002 when the email is taken. */
export async function createUser(input: NewUser): Promise<User> {
  const row = await getDb().user.create({
    data: { ...input, email: input.email.toLowerCase() },
    select: userSelect,
  });
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

export type UserChanges = Partial<Pick<User, "email" | "name" | "role" | "group" | "status">> & {
  passwordHash?: string;
};

/** Updates a user; null when there is no such user. */
export async function updateUser(id: number, changes: UserChanges): Promise<User | null> {
  const data = changes.email ? { ...changes, email: changes.email.toLowerCase() } : changes;
  const { count } = await getDb().user.updateMany({ where: { id }, data });
  return count ? getUserById(id) : null;
}

/** The public shape of a user in the management API (never the password hash). */
export function userToJson(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    group: user.group,
    balance: user.balance,
    availableBalance: user.balance - user.heldBalance,
    status: user.status,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/**
 * Adds `amount` credits (may be negative) to a user's balance in one conditional UPDATE, so the
 * spendable balance (balance - heldBalance) never drops below 0 however many calls race.
 * Answers "ok", "not_found", or "insufficient" when a debit would go below 0.
 */
export async function adjustBalance(id: number, amount: number): Promise<"ok" | "not_found" | "insufficient"> {
  const delta = BigInt(amount);
  const changed = await getDb().$executeRaw`
    UPDATE "users" SET "balance" = "balance" + ${delta}, "updatedAt" = ${new Date()}
    WHERE "id" = ${id} AND (${delta} >= 0 OR "balance" - "heldBalance" + ${delta} >= 0)`;
  if (changed > 0) return "ok";
  return (await getDb().user.count({ where: { id } })) ? "insufficient" : "not_found";
}
