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
