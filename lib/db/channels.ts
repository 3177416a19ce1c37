import { getDb } from "@/lib/db/client";

const channelSelect = {
  id: true,
  name: true,
  type: true,
  baseUrl: true,
  apiKey: true,
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
} as const;

export type ChannelStatus = "active" | "disabled" | "auto_disabled";

/** A channel with its upstream key (never send `apiKey` to a client; see channelToJson). */
export type ChannelRecord = {
  id: number;
  name: string;
  type: string;
  baseUrl: string;
  apiKey: string;
  models: string[];
  modelMapping: Record<string, string>;
  groups: string[];
  priority: number;
  weight: number;
  status: ChannelStatus;
  consecutiveFailures: number;
  totalFailures: number;
  lastError: string | null;
  lastFailureAt: Date | null;
  lastSuccessAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

type Row = Omit<ChannelRecord, "models" | "modelMapping" | "groups" | "status"> & {
  models: unknown;
  modelMapping: unknown;
  groups: unknown;
  status: string;
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);

function mapping(v: unknown): Record<string, string> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter(([, to]) => typeof to === "string")) as Record<string, string>;
}

function toChannel(row: Row): ChannelRecord {
  return {
    ...row,
    models: strings(row.models),
    modelMapping: mapping(row.modelMapping),
    groups: strings(row.groups),
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

export type NewChannel = Pick<ChannelRecord, "name" | "type" | "baseUrl" | "apiKey" | "models" | "modelMapping" | "groups"> &
  Partial<Pick<ChannelRecord, "priority" | "weight">> & { status?: "active" | "disabled" };

/** Creates a channel. */
export async function createChannel(input: NewChannel): Promise<ChannelRecord> {
  const row = await getDb().channel.create({ data: input, select: channelSelect });
  return toChannel(row);
}

export type ChannelChanges = Partial<Omit<NewChannel, "status">> & {
  status?: "active" | "disabled";
  consecutiveFailures?: number;
};

/** Updates a channel; null when there is no such channel. */
export async function updateChannel(id: number, changes: ChannelChanges): Promise<ChannelRecord | null> {
  const { count } = await getDb().channel.updateMany({ where: { id }, data: changes });
  return count ? getChannel(id) : null;
}

/** Deletes a channel; false when there was none. */
export async function deleteChannel(id: number): Promise<boolean> {
  const { count } = await getDb().channel.deleteMany({ where: { id } });
  return count > 0;
}
