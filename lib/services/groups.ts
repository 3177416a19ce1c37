import { invalidate } from "@/lib/cache/bus";
import { listChannels } from "@/lib/db/channels";
import * as db from "@/lib/db/groups";
import type { GroupRecord } from "@/lib/db/groups";
import { countTokensInGroup } from "@/lib/db/tokens";
import { countUsersInGroup } from "@/lib/db/users";
import { ApiError, orNotFound } from "@/lib/errors";
import { withoutRename } from "@/lib/services/rename";
import type { GroupCreate, GroupUpdate } from "@/lib/validation/groups";

/** Admin: creates a group; 409 when the name is taken. */
export async function createGroup(input: GroupCreate): Promise<GroupRecord> {
  const group = await db.createGroup(input);
  invalidate("routing");
  return group;
}

/** Admin: reads one group. */
export async function getGroup(name: string): Promise<GroupRecord> {
  return orNotFound(await db.getGroup(name), "group");
}

/** Admin: changes a group's ratio, description or selectability (renaming is not supported). */
export async function updateGroup(name: string, input: GroupUpdate): Promise<GroupRecord> {
  const group = await db.updateGroup(name, withoutRename(name, input, "groups"));
  invalidate("routing");
  return group;
}

/** Admin: deletes a group nobody uses; `default` and groups in use are refused with 409. */
export async function deleteGroup(name: string): Promise<void> {
  if (name === db.DEFAULT_GROUP) throw new ApiError("conflict", "The default group cannot be deleted.");
  await getGroup(name);
  const [users, tokens, channels] = await Promise.all([
    countUsersInGroup(name),
    countTokensInGroup(name),
    listChannels().then((all) => all.filter((c) => c.groups.includes(name)).length),
  ]);
  if (users || tokens || channels) {
    const uses = [
      users && `${users} user(s)`,
      tokens && `${tokens} token(s)`,
      channels && `${channels} channel(s)`,
    ].filter(Boolean);
    throw new ApiError("conflict", `Group '${name}' is still used by ${uses.join(", ")}; move them first.`);
  }
  await db.deleteGroup(name);
  invalidate("routing");
}

/** The public shape of a group. */
export function groupToJson(g: GroupRecord) {
  return {
    name: g.name,
    ratio: g.ratio,
    description: g.description,
    selectable: g.selectable,
    rpmLimit: g.rpmLimit,
    tpmLimit: g.tpmLimit,
    concurrencyLimit: g.concurrencyLimit,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}
