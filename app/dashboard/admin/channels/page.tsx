import { PageHeader } from "@/components/layout/page-header";
import { ChannelsTable } from "@/components/admin/channels/channels-table";
import { requireAdmin } from "@/lib/auth/session";
import { listChannels } from "@/lib/db/channels";
import { listGroups } from "@/lib/db/groups";
import { listModels } from "@/lib/db/models";
import { channelToJson } from "@/lib/services/channels";

export const metadata = { title: "Channels" };

export default async function ChannelsPage() {
  await requireAdmin();
  const [channels, groups, models] = await Promise.all([listChannels(), listGroups(), listModels()]);
  return (
    <>
      <PageHeader title="Channels" description="Upstream providers, the models and groups they serve, and their health." />
      <ChannelsTable
        channels={channels.map(channelToJson)}
        groups={groups.map((g) => g.name)}
        catalog={models.map((m) => m.name)}
      />
    </>
  );
}
