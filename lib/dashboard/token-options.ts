import { listGroups } from "@/lib/db/groups";
import type { User } from "@/lib/db/users";
import { modelsForGroup } from "@/lib/services/models";

export type TokenGroupOption = { name: string; ratio: number; description: string; models: string[] };

/** The groups a user may put a token in (their own, then the selectable ones) with the models each serves. */
export async function tokenGroupOptions(user: User): Promise<TokenGroupOption[]> {
  const groups = (await listGroups()).filter((g) => g.name === user.group || g.selectable);
  groups.sort((a, b) => (a.name === user.group ? -1 : b.name === user.group ? 1 : a.name.localeCompare(b.name)));
  return Promise.all(
    groups.map(async (g) => ({
      name: g.name,
      ratio: g.ratio,
      description: g.description,
      models: (await modelsForGroup(g.name)).map((m) => m.name),
    })),
  );
}
