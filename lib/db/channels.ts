import { getDb, type Prisma } from "@/lib/db/client";
import { mapWriteErrors } from "@/lib/db/errors";
import { stringList, stringMap } from "@/lib/db/json-columns";

const channelSelect = {
  id: true,
  name: true,
  type: true,
  baseUrl: true,
  apiKey: true,
  apiVersion: true,
  headers: true,
  models: true,
  modelMapping: true,
  groups: true,
  priority: true,
  weight: true,
  status: true,
  consecutiveFailures: true,
  totalFailures: true,
  lastError: true,
  lastFailureAt: true,
  lastSuccessAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ChannelSelect;

type Row = Prisma.ChannelGetPayload<{ select: typeof channelSelect }>;

export type ChannelStatus = "active" | "disabled" | "auto_disabled";

/** A channel with its upstream key (never send `apiKey` to a client; see channelToJson). */
export type ChannelRecord = Omit<Row, "models" | "modelMapping" | "groups" | "status" | "headers"> & {
  headers: Record<string, string>;
  models: string[];
  modelMapping: Record<string, string>;
  groups: string[];
  status: ChannelStatus;
};

export type NewChannel = Pick<ChannelRecord, "name" | "type" | "baseUrl" | "apiKey" | "models" | "modelMapping" | "groups" | "apiVersion" | "headers"> &
  Partial<Pick<ChannelRecord, "priority" | "weight">> & { status?: "active" | "disabled" };

export type ChannelChanges = Partial<NewChannel & Pick<ChannelRecord, "consecutiveFailures">>;

const missing = { notFound: "channel" };

function toChannel(row: Row): ChannelRecord {
  return {
    ...row,
    headers: stringMap(row.headers),
    models: stringList(row.models),
    modelMapping: stringMap(row.modelMapping),
    groups: stringList(row.groups),
    status: row.status as ChannelStatus,
  };
}

/** Every channel, by priority (highest first) then id; only active ones with `activeOnly`. */
export async function listChannels(opts: { activeOnly?: boolean } = {}): Promise<ChannelRecord[]> {
  const rows = await getDb().channel.findMany({
    where: opts.activeOnly ? { status: "active" } : {},
    orderBy: [{ priority: "desc" }, { id: "asc" }],
    select: channelSelect,
  });
  return rows.map(toChannel);
}

/** The channel with this id, or null. */
export async function getChannel(id: number): Promise<ChannelRecord | null> {
  const row = await getDb().channel.findUnique({ where: { id }, select: channelSelect });
  return row ? toChannel(row) : null;
}

/** Creates a channel. */
export async function createChannel(input: NewChannel): Promise<ChannelRecord> {
  const row = await getDb().channel.create({ data: input, select: channelSelect });
  return toChannel(row);
}

/** Updates a channel; 404 when there is no such channel. */
export async function updateChannel(id: number, changes: ChannelChanges): Promise<ChannelRecord> {
  const row = await mapWriteErrors(() => getDb().channel.update({ where: { id }, data: changes, select: channelSelect }), missing);
  return toChannel(row);
}

/** Deletes a channel; 404 when there is none. */
export async function deleteChannel(id: number): Promise<void> {
  await mapWriteErrors(() => getDb().channel.delete({ where: { id }, select: { id: true } }), missing);
}
