import { getDb } from "@/lib/db/client";

export const DEFAULT_GROUP = "default";

/** Creates the `default` group (ratio 1) unless it exists. */
export async function ensureDefaultGroup(): Promise<void> {
  await getDb().group.upsert({
    where: { name: DEFAULT_GROUP },
    create: { name: DEFAULT_GROUP, ratio: 1, description: "Standard pricing" },
    update: {},
    select: { name: true },
  });
}

/** Whether a group with this name exists. */
export async function groupExists(name: string): Promise<boolean> {
  return (await getDb().group.count({ where: { name } })) > 0;
}

const groupSelect = {
  name: true,
  ratio: true,
  description: true,
  selectable: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type GroupRecord = {
  name: string;
  ratio: number;
  description: string;
  selectable: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** Every group, by name. */
export function listGroups(): Promise<GroupRecord[]> {
  return getDb().group.findMany({ orderBy: { name: "asc" }, select: groupSelect });
}

/** The group with this name, or null. */
export function getGroup(name: string): Promise<GroupRecord | null> {
  return getDb().group.findUnique({ where: { name }, select: groupSelect });
}

/** Creates a group; throws Prisma's P2002 when the name is taken. */
export function createGroup(input: { name: string; ratio: number; description?: string; selectable?: boolean }) {
  return getDb().group.create({ data: input, select: groupSelect });
}

/** Updates a group; null when there is no such group. */
export async function updateGroup(
  name: string,
  changes: Partial<Pick<GroupRecord, "ratio" | "description" | "selectable">>,
): Promise<GroupRecord | null> {
  const { count } = await getDb().group.updateMany({ where: { name }, data: changes });
  return count ? getGroup(name) : null;
}

/** Deletes a group; false when there was none. */
export async function deleteGroup(name: string): Promise<boolean> {
  const { count } = await getDb().group.deleteMany({ where: { name } });
  return count > 0;
}

/** How many users belong to a group. */
export function countUsersInGroup(group: string): Promise<number> {
  return getDb().user.count({ where: { group } });
}
