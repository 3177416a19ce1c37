import { createHash } from "node:crypto";
import type { ChannelInfo } from "@/lib/gateway/types";

/**
 * The order in which to try channels: highest priority first; within a priority, a weighted
 * random permutation (each pick proportional to weight; weight 0 only after the others). With a
 * session key the permutation is the key's own (weighted rendezvous hashing): calls of one
 * conversation go to the same channel while it is healthy, on every instance alike, so provider
 * caches hit and encrypted reasoning stays valid; only the sessions of a channel that goes away move.
 */
export function orderChannels(channels: ChannelInfo[], random: () => number, sessionKey: string | null = null): ChannelInfo[] {

  const byPriority = new Map<number, ChannelInfo[]>();
  for (const c of channels) {
    const list = byPriority.get(c.priority) ?? [];
    list.push(c);
    byPriority.set(c.priority, list);
  }
  const priorities = [...byPriority.keys()].sort((a, b) => b - a);
  return priorities.flatMap((p) =>
    sessionKey === null ? weightedShuffle(byPriority.get(p)!, random) : rendezvous(byPriority.get(p)!, sessionKey),
  );
}

function weightedShuffle(items: ChannelInfo[], random: () => number): ChannelInfo[] {
  const pool = [...items];
  const out: ChannelInfo[] = [];
  while (pool.length) {
    const total = pool.reduce((s, c) => s + Math.max(c.weight, 0), 0);
    let index = 0;
    if (total > 0) {
      let r = random() * total;
      index = pool.findIndex((c) => (r -= Math.max(c.weight, 0)) < 0);
      if (index < 0) index = pool.length - 1;
    }
    out.push(pool.splice(index, 1)[0]);
  }
  return out;
}

/** The model name to send upstream, after the channel's mapping. */
export function upstreamModelName(channel: ChannelInfo, model: string): string {
  return channel.modelMapping[model] ?? model;
}

/**
 * Weighted rendezvous hashing: each channel draws an exponential "arrival time" from a hash of
 * (key, channel id) scaled by its weight; earliest first. The first pick is proportional to weight,
 * and removing a channel moves only the sessions that were on it.
 */
function rendezvous(items: ChannelInfo[], key: string): ChannelInfo[] {
  const score = (c: ChannelInfo) => {
    if (c.weight <= 0) return Infinity;
    const h = createHash("sha256").update(`${key}\u0000${c.id}`).digest();
    const u = (h.readUInt32BE(0) + 1) / (2 ** 32 + 1);
    return -Math.log(u) / c.weight;
  };
  return items
    .map((c) => ({ c, s: score(c) }))
    .sort((a, b) => a.s - b.s || a.c.id - b.c.id)
    .map((x) => x.c);
}
