// A channel's several upstream keys: used in turn (round robin); a key the upstream refuses
// (401/403) or rate-limits (429) is set aside for a while on its own, and the others serve.
// The state is this process's memory: each instance learns about its keys by itself.
import type { ChannelInfo } from "@/lib/gateway/types";

/** How long a key is set aside: a refused key is likely revoked; a rate-limited one soon recovers. */
export const COOLDOWN_MS = { refused: 10 * 60_000, limited: 60_000 } as const;

export type KeyState = { state: "ok" | "cooling_down"; until: number | null; lastStatus: number | null };

type Aside = { until: number; status: number };

export class KeyPool {
  private readonly turn = new Map<number, number>();
  private readonly aside = new Map<string, Aside>();

  constructor(private readonly now: () => number) {}

  private slot(channelId: number, key: string): string {
    return `${channelId}\u0000${key}`;
  }

  private coolingUntil(channelId: number, key: string): number | null {
    const a = this.aside.get(this.slot(channelId, key));
    return a && a.until > this.now() ? a.until : null;
  }

  /**
   * The key for the next request: the next in turn that is not set aside; when every key is set
   * aside, the one that comes back first. Null only for a channel without keys.
   */
  pick(channel: Pick<ChannelInfo, "id" | "apiKeys">): string | null {
    const keys = channel.apiKeys;
    if (keys.length <= 1) return keys[0] ?? null;
    const start = this.turn.get(channel.id) ?? 0;
    let soonest: { key: string; until: number } | null = null;
    for (let i = 0; i < keys.length; i++) {
      const index = (start + i) % keys.length;
      const until = this.coolingUntil(channel.id, keys[index]);
      if (until === null) {
        this.turn.set(channel.id, index + 1);
        return keys[index];
      }
      if (!soonest || until < soonest.until) soonest = { key: keys[index], until };
    }
    return soonest!.key;
  }

  /** Sets a key aside after the upstream refused (401/403) or rate-limited (429) it; answers how many keys still serve. */
  setAside(channel: Pick<ChannelInfo, "id" | "apiKeys">, key: string, status: number): number {
    const ms = status === 429 ? COOLDOWN_MS.limited : COOLDOWN_MS.refused;
    this.aside.set(this.slot(channel.id, key), { until: this.now() + ms, status });
    return this.available(channel);
  }

  /** Keys of the channel not set aside now. */
  available(channel: Pick<ChannelInfo, "id" | "apiKeys">): number {
    return channel.apiKeys.filter((k) => this.coolingUntil(channel.id, k) === null).length;
  }

  /** Each key's state, in the channel's order (for the dashboard). */
  states(channelId: number, keys: string[]): KeyState[] {
    return keys.map((k) => {
      const a = this.aside.get(this.slot(channelId, k));
      const until = this.coolingUntil(channelId, k);
      return { state: until === null ? "ok" : "cooling_down", until, lastStatus: a?.status ?? null };
    });
  }

  /** Puts a key back in service at once (an admin's successful test of it). */
  restore(channelId: number, key: string): void {
    this.aside.delete(this.slot(channelId, key));
  }

  /** Keys of a channel set aside now, by channel id (metrics). */
  coolingCount(channelId: number): number {
    const now = this.now();
    let n = 0;
    for (const [slot, a] of this.aside) if (a.until > now && slot.startsWith(`${channelId}\u0000`)) n++;
    return n;
  }
}

const POOL = Symbol.for("gateway.keyPool");

/** This process's key pool, shared by the relay and the management API (one per process). */
export function sharedKeyPool(): KeyPool {
  const g = globalThis as { [POOL]?: KeyPool };
  g[POOL] ??= new KeyPool(Date.now);
  return g[POOL];
}
