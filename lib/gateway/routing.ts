import type { ChannelInfo } from "@/lib/gateway/types";

/**
 * The order in which to try channels: highest priority first; within a priority, a weighted
 * random permutation (each pick proportional to weight; weight 0 only after the others).
 */
export function orderChannels(channels: ChannelInfo[], random: () => number): ChannelInfo[] {
  const byPriority = new Map<number, ChannelInfo[]>();
  for (const c of channels) {
    const list = byPriority.get(c.priority) ?? [];
    list.push(c);
    byPriority.set(c.priority, list);
  }
  const priorities = [...byPriority.keys()].sort((a, b) => b - a);
  return priorities.flatMap((p) => weightedShuffle(byPriority.get(p)!, random));
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
