import { listGroups } from "@/lib/db/groups";
import type { User } from "@/lib/db/users";
import { modelsForGroup } from "@/lib/services/models";

import type { Limits } from "@/lib/validation/limits";

/** A group a token may be put in: its price, its models, and the limits its tokens stay within. */
export type TokenGroupOption = { name: string; ratio: number; description: string; models: string[]; limits: Limits };

/** The groups a user may put a token in (their own, then the selectable ones) with the models each serves. */
export async function tokenGroupOptions(user: User): Promise<TokenGroupOption[]> {
  const groups = (await listGroups()).filter((g) => g.name === user.group || g.selectable);
  groups.sort((a, b) => (a.name === user.group ? -1 : b.name === user.group ? 1 : a.name.localeCompare(b.name)));
  return Promise.all(
    groups.map(async (g) => ({
      name: g.name,
      ratio: g.ratio,
      description: g.description,
      limits: { rpmLimit: g.rpmLimit, tpmLimit: g.tpmLimit, concurrencyLimit: g.concurrencyLimit },
      models: (await modelsForGroup(g.name)).map((m) => m.name),
    })),
  );
}
