import { invalidate } from "@/lib/cache/bus";
import { listChannels } from "@/lib/db/channels";
import {
  countUsersInGroup,
  createGroup,
  DEFAULT_GROUP,
  deleteGroup,
  getGroup,
  updateGroup,
  type GroupRecord,
} from "@/lib/db/groups";
import { countTokensInGroup } from "@/lib/db/tokens";
import { ApiError } from "@/lib/errors";
import type { GroupCreate, GroupUpdate } from "@/lib/validation/groups";

const notFound = () => new ApiError("not_found", "No such group.");
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === "P2002";

/** Admin: creates a group; 409 when the name is taken. */
export async function adminCreateGroup(input: GroupCreate): Promise<GroupRecord> {
  try {
    const group = await createGroup(input);
    invalidate("routing");
    return group;
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError("conflict", `A group named '${input.name}' exists.`, "name");
    throw err;
  }
}

/** Admin: reads one group. */
export async function adminGetGroup(name: string): Promise<GroupRecord> {
  const group = await getGroup(name);
  if (!group) throw notFound();
  return group;
}

/** Admin: changes a group's ratio, description or selectability (renaming is not supported). */
export async function adminUpdateGroup(name: string, input: GroupUpdate): Promise<GroupRecord> {
  const { name: newName, ...changes } = input;
  if (newName !== undefined && newName !== name) {
    throw new ApiError("invalid_request", "name: groups cannot be renamed", "name");
  }
  const group = await updateGroup(name, changes);
  if (!group) throw notFound();
  invalidate("routing");
  return group;
}

/** Admin: deletes a group nobody uses; `default` and groups in use are refused with 409. */
export async function adminDeleteGroup(name: string): Promise<void> {
  if (name === DEFAULT_GROUP) throw new ApiError("conflict", "The default group cannot be deleted.");
  if (!(await getGroup(name))) throw notFound();
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
  if (!(await deleteGroup(name))) throw notFound();
  invalidate("routing");
}

/** The public shape of a group. */
export function groupToJson(g: GroupRecord) {
  return {
    name: g.name,
    ratio: g.ratio,
    description: g.description,
    selectable: g.selectable,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}
