import { invalidate } from "@/lib/cache/bus";
import * as db from "@/lib/db/channels";
import type { ChannelChanges, ChannelRecord } from "@/lib/db/channels";
import { DEFAULT_GROUP, listGroups } from "@/lib/db/groups";
import { ApiError, orNotFound } from "@/lib/errors";
import type { ChannelCreate, ChannelUpdate } from "@/lib/validation/channels";

async function checkGroups(groups: string[] | undefined) {
  if (!groups) return;
  const known = new Set((await listGroups()).map((g) => g.name));
  const unknown = groups.filter((g) => !known.has(g));
  if (unknown.length) {
    throw new ApiError("invalid_request", `groups: no group named ${unknown.map((g) => `'${g}'`).join(", ")}`, "groups");
  }
}

/** Admin: adds an upstream channel. */
export async function createChannel(input: ChannelCreate): Promise<ChannelRecord> {
  const groups = input.groups ?? [DEFAULT_GROUP];
  await checkGroups(groups);
  const channel = await db.createChannel({
    ...input,
    type: input.type ?? "openai",
    apiVersion: input.apiVersion ?? null,
    headers: input.headers ?? {},
    modelMapping: input.modelMapping ?? {},
    groups,
  });
  invalidate("routing");
  return channel;
}

/** Admin: reads one channel. */
export async function getChannel(id: number): Promise<ChannelRecord> {
  return orNotFound(await db.getChannel(id), "channel");
}

/** Admin: changes a channel; setting status "active" re-enables an auto-disabled channel afresh. */
export async function updateChannel(id: number, input: ChannelUpdate): Promise<ChannelRecord> {
  await checkGroups(input.groups);
  const { headers, ...rest } = input;
  const changes: ChannelChanges = { ...rest, ...(headers !== undefined ? { headers: headers ?? {} } : {}) };
  if (input.status === "active") changes.consecutiveFailures = 0;
  const channel = await db.updateChannel(id, changes);
  invalidate("routing");
  return channel;
}

/** Admin: deletes a channel. */
export async function deleteChannel(id: number): Promise<void> {
  await db.deleteChannel(id);
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
    apiVersion: c.apiVersion,
    headers: c.headers,
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
