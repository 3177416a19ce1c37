import { getDb, type Prisma } from "@/lib/db/client";
import { mapWriteErrors } from "@/lib/db/errors";
import { stringList, stringMap } from "@/lib/db/json-columns";
import { openKeys, sealKeys } from "@/lib/crypto/channel-keys";
import { log } from "@/lib/log";

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

/** A channel with its upstream keys, opened (never send them to a client; see channelToJson). */
export type ChannelRecord = Omit<Row, "apiKey" | "models" | "modelMapping" | "groups" | "status" | "headers"> & {
  /** empty when the stored keys cannot be opened with the configured encryption key */
  apiKeys: string[];
  headers: Record<string, string>;
  models: string[];
  modelMapping: Record<string, string>;
  groups: string[];
  status: ChannelStatus;
};

export type NewChannel = Pick<ChannelRecord, "name" | "type" | "baseUrl" | "apiKeys" | "models" | "modelMapping" | "groups" | "apiVersion" | "headers"> &
  Partial<Pick<ChannelRecord, "priority" | "weight">> & { status?: "active" | "disabled" };

export type ChannelChanges = Partial<NewChannel & Pick<ChannelRecord, "consecutiveFailures">>;

const missing = { notFound: "channel" };

function toChannel({ apiKey, ...row }: Row): ChannelRecord {
  const opened = openKeys(apiKey);
  if (!opened.ok) log().error({ channelId: row.id }, "the channel's upstream keys cannot be decrypted with ENCRYPTION_KEY");
  return {
    ...row,
    apiKeys: opened.ok ? opened.keys : [],
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
  const { apiKeys, ...rest } = input;
  const row = await getDb().channel.create({ data: { ...rest, apiKey: sealKeys(apiKeys) }, select: channelSelect });
  return toChannel(row);
}

/** Updates a channel; 404 when there is no such channel. */
export async function updateChannel(id: number, changes: ChannelChanges): Promise<ChannelRecord> {
  const { apiKeys, ...rest } = changes;
  const data = apiKeys === undefined ? rest : { ...rest, apiKey: sealKeys(apiKeys) };
  const row = await mapWriteErrors(() => getDb().channel.update({ where: { id }, data, select: channelSelect }), missing);
  return toChannel(row);
}

/** Deletes a channel; 404 when there is none. */
export async function deleteChannel(id: number): Promise<void> {
  await mapWriteErrors(() => getDb().channel.delete({ where: { id }, select: { id: true } }), missing);
}

/**
 * Seals every channel's keys with the current encryption key: plain text from an install before
 * encryption, and values sealed with ENCRYPTION_KEY_PREVIOUS (a rotation). Run at start.
 * Answers how many channels were re-sealed, and the ids of channels whose keys no key opens.
 */
export async function sealChannelKeys(): Promise<{ sealed: number; unreadable: number[] }> {
  const db = getDb();
  const rows = await db.channel.findMany({ select: { id: true, apiKey: true } });
  let sealed = 0;
  const unreadable: number[] = [];
  for (const row of rows) {
    const opened = openKeys(row.apiKey);
    if (!opened.ok) unreadable.push(row.id);
    else if (opened.stale) {
      // Only if nobody changed it meanwhile (another instance starting, an admin's edit).
      const r = await db.channel.updateMany({ where: { id: row.id, apiKey: row.apiKey }, data: { apiKey: sealKeys(opened.keys) } });
      sealed += r.count;
    }
  }
  return { sealed, unreadable };
}
