import { invalidate } from "@/lib/cache/bus";
import {
  createChannel,
  deleteChannel,
  getChannel,
  updateChannel,
  type ChannelChanges,
  type ChannelRecord,
} from "@/lib/db/channels";
import { DEFAULT_GROUP, listGroups } from "@/lib/db/groups";
import { ApiError } from "@/lib/errors";
import type { ChannelCreate, ChannelUpdate } from "@/lib/validation/channels";

const notFound = () => new ApiError("not_found", "No such channel.");

async function checkGroups(groups: string[] | undefined) {
  if (!groups) return;
  const known = new Set((await listGroups()).map((g) => g.name));
  const unknown = groups.filter((g) => !known.has(g));
  if (unknown.length) {
    throw new ApiError("invalid_request", `groups: no group named ${unknown.map((g) => `'${g}'`).join(", ")}`, "groups");
  }
}

/** Admin: adds an upstream channel. */
export async function adminCreateChannel(input: ChannelCreate): Promise<ChannelRecord> {
  const groups = input.groups ?? [DEFAULT_GROUP];
  await checkGroups(groups);
  const channel = await createChannel({
    ...input,
    type: input.type ?? "openai",
    modelMapping: input.modelMapping ?? {},
    groups,
  });
  invalidate("routing");
  return channel;
}

/** Admin: reads one channel. */
export async function adminGetChannel(id: number): Promise<ChannelRecord> {
  const channel = await getChannel(id);
  if (!channel) throw notFound();
  return channel;
}

/** Admin: changes a channel; setting status "active" re-enables an auto-disabled channel afresh. */
export async function adminUpdateChannel(id: number, input: ChannelUpdate): Promise<ChannelRecord> {
  await checkGroups(input.groups);
  const changes: ChannelChanges = { ...input };
  if (input.status === "active") changes.consecutiveFailures = 0;
  const channel = await updateChannel(id, changes);
  if (!channel) throw notFound();
  invalidate("routing");
  return channel;
}

/** Admin: deletes a channel. */
export async function adminDeleteChannel(id: number): Promise<void> {
  if (!(await deleteChannel(id))) throw notFound();
  invalidate("routing");
}

/** An upstream key for display: its first three and last four characters (`sk-…abcd`). */
export function maskSecret(key: string): string {
  return key.length >= 12 ? `${key.slice(0, 3)}…${key.slice(-4)}` : "…";
}

/** The public shape of a channel: the upstream key only masked. */
export function channelToJson(c: ChannelRecord) {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    baseUrl: c.baseUrl,
    apiKeyPreview: maskSecret(c.apiKey),
    models: c.models,
    modelMapping: c.modelMapping,
    groups: c.groups,
    priority: c.priority,
    weight: c.weight,
    status: c.status,
    consecutiveFailures: c.consecutiveFailures,
    totalFailures: c.totalFailures,
    lastError: c.lastError,
    lastFailureAt: c.lastFailureAt?.toISOString() ?? null,
    lastSuccessAt: c.lastSuccessAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
