import { PageHeader } from "@/components/layout/page-header";
import { GroupsTable } from "@/components/admin/groups/groups-table";
import type { GroupRow } from "@/components/admin/groups/types";
import { requireAdmin } from "@/lib/auth/session";
import { listChannels } from "@/lib/db/channels";
import { listGroups } from "@/lib/db/groups";
import { countUsersInGroup } from "@/lib/db/users";
import { groupToJson } from "@/lib/services/groups";

export const metadata = { title: "Groups" };

export default async function GroupsPage() {
  await requireAdmin();
  const [groups, channels] = await Promise.all([listGroups(), listChannels()]);
  const users = await Promise.all(groups.map((g) => countUsersInGroup(g.name)));
  const rows: GroupRow[] = groups.map((g, i) => ({
    ...groupToJson(g),
    users: users[i],
    channels: channels.filter((c) => c.groups.includes(g.name)).map((c) => ({ id: c.id, name: c.name, status: c.status })),
  }));
  return (
    <>
      <PageHeader title="Groups" description="Pricing groups: each multiplies model prices by its ratio. Channels choose which groups they serve." />
      <GroupsTable groups={rows} />
    </>
  );
}
