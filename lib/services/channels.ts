import { invalidate } from "@/lib/cache/bus";
import * as db from "@/lib/db/channels";
import type { ChannelChanges, ChannelRecord } from "@/lib/db/channels";
import { DEFAULT_GROUP, listGroups } from "@/lib/db/groups";
import { ApiError, orNotFound } from "@/lib/errors";
import { keysOf, type ChannelCreate, type ChannelUpdate } from "@/lib/validation/channels";
import { sharedKeyPool } from "@/lib/gateway/key-pool";
import { testChannel, type ChannelTestResult } from "@/lib/services/channel-test";

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
  const { apiKey: _one, apiKeys: _several, ...fields } = input;
  const channel = await db.createChannel({
    ...fields,
    apiKeys: keysOf(input)!,
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
  const { headers, apiKey: _one, apiKeys: _several, ...rest } = input;
  const keys = keysOf(input);
  const changes: ChannelChanges = { ...rest, ...(headers !== undefined ? { headers: headers ?? {} } : {}), ...(keys ? { apiKeys: keys } : {}) };
  if (input.status === "active") changes.consecutiveFailures = 0;
  const channel = await db.updateChannel(id, changes);
  invalidate("routing");
  return channel;
}

/**
 * Admin: tests one of a channel's keys (by its index). A key that answers is put back in service
 * at once; one the upstream refuses or rate-limits is set aside like the relay would.
 */
export async function testChannelKey(id: number, index: number): Promise<ChannelTestResult & { key: { index: number; preview: string } }> {
  const channel = await getChannel(id);
  const key = channel.apiKeys[index];
  if (key === undefined) throw new ApiError("invalid_request", `key: the channel has ${channel.apiKeys.length} key(s)`, "key");
  const result = await testChannel({ ...channel, apiKey: key });
  const pool = sharedKeyPool();
  if (result.ok) pool.restore(id, key);
  else if (channel.apiKeys.length > 1 && (result.status === 401 || result.status === 403 || result.status === 429)) pool.setAside(channel, key, result.status);
  return { ...result, key: { index, preview: maskSecret(key) } };
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

/** Each upstream key of a channel, masked, with its state in this instance (set aside after a 401/403/429, and until when). */
export function keyStates(c: Pick<ChannelRecord, "id" | "apiKeys">) {
  return sharedKeyPool()
    .states(c.id, c.apiKeys)
    .map((s, index) => ({
      index,
      preview: maskSecret(c.apiKeys[index]),
      state: s.state,
      until: s.until === null ? null : new Date(s.until).toISOString(),
      lastStatus: s.lastStatus,
    }));
}

/** The public shape of a channel: the upstream keys only masked. */
export function channelToJson(c: ChannelRecord) {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    baseUrl: c.baseUrl,
    apiVersion: c.apiVersion,
    headers: c.headers,
    apiKeyPreview: c.apiKeys.length ? maskSecret(c.apiKeys[0]) : "…",
    keys: keyStates(c),
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
