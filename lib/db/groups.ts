import { getDb, type Prisma } from "@/lib/db/client";
import { mapWriteErrors } from "@/lib/db/errors";

export const DEFAULT_GROUP = "default";

const groupSelect = {
  name: true,
  ratio: true,
  description: true,
  selectable: true,
  rpmLimit: true,
  tpmLimit: true,
  concurrencyLimit: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.GroupSelect;

/** A pricing group. */
export type GroupRecord = Prisma.GroupGetPayload<{ select: typeof groupSelect }>;

type Settable = "description" | "selectable" | "rpmLimit" | "tpmLimit" | "concurrencyLimit";

export type NewGroup = Pick<GroupRecord, "name" | "ratio"> & Partial<Pick<GroupRecord, Settable>>;

export type GroupChanges = Partial<Pick<GroupRecord, "ratio" | Settable>>;

const missing = { notFound: "group" };

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

/** Every group, by name. */
export function listGroups(): Promise<GroupRecord[]> {
  return getDb().group.findMany({ orderBy: { name: "asc" }, select: groupSelect });
}

/** The group with this name, or null. */
export function getGroup(name: string): Promise<GroupRecord | null> {
  return getDb().group.findUnique({ where: { name }, select: groupSelect });
}

/** Creates a group; 409 conflict when the name is taken. */
export function createGroup(input: NewGroup): Promise<GroupRecord> {
  return mapWriteErrors(() => getDb().group.create({ data: input, select: groupSelect }), {
    conflict: { message: `A group named '${input.name}' exists.`, param: "name" },
  });
}

/** Updates a group; 404 when there is no such group. */
export function updateGroup(name: string, changes: GroupChanges): Promise<GroupRecord> {
  return mapWriteErrors(() => getDb().group.update({ where: { name }, data: changes, select: groupSelect }), missing);
}

/** Deletes a group; 404 when there is none. */
export async function deleteGroup(name: string): Promise<void> {
  await mapWriteErrors(() => getDb().group.delete({ where: { name }, select: { name: true } }), missing);
}
