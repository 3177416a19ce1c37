// Per-token request, token and concurrency limits of the relay: sliding one-minute windows of
// requests and of tokens, and leased slots for requests in flight. With Redis every check is one
// Lua script (atomic: no read-then-write race between instances); without it (or while it is down)
// the same algorithm runs in this process.
import type { Redis } from "ioredis";
import { redisPrefix, withRedis } from "@/lib/cache/redis";
import type { Admission, AdmitRequest, LimitLease } from "@/lib/gateway/types";

export const WINDOW_MS = 60_000;

/** What a limiter answers; the caller wraps it with the lease's release. */
type Verdict = Omit<Admission, "lease"> & { ok: boolean };

/**
 * KEYS: requests zset, tokens zset, token weights hash (with the running sum in field "_sum"), slots zset.
 * ARGV: now, window, rpm, tpm, concurrency (0 = none), tokens, id, lease ms.
 * Answers {admitted, refusedBy (0 none, 1 requests, 2 tokens, 3 concurrency), retryMs,
 *          requestsCounted, requestsResetMs, tokensCounted, tokensResetMs}.
 */
export const ADMIT_SCRIPT = `
local now, win = tonumber(ARGV[1]), tonumber(ARGV[2])
local rpm, tpm, conc = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local cost, id, lease = tonumber(ARGV[6]), ARGV[7], tonumber(ARGV[8])
local from = now - win
local refused, retry = 0, 0
local rcount, rreset, used, treset = 0, 0, 0, 0
if rpm > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', from)
  rcount = redis.call('ZCARD', KEYS[1])
  if rcount >= rpm then
    refused = 1
    local first = redis.call('ZRANGE', KEYS[1], rcount - rpm, rcount - rpm, 'WITHSCORES')
    retry = tonumber(first[2]) + win - now
  end
end
if tpm > 0 then
  while true do
    local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', from, 'LIMIT', 0, 500)
    if #old == 0 then break end
    local sum = 0
    for _, w in ipairs(redis.call('HMGET', KEYS[3], unpack(old))) do sum = sum + (tonumber(w) or 0) end
    redis.call('HINCRBY', KEYS[3], '_sum', -sum)
    redis.call('HDEL', KEYS[3], unpack(old))
    redis.call('ZREM', KEYS[2], unpack(old))
  end
  used = tonumber(redis.call('HGET', KEYS[3], '_sum') or '0')
  if refused == 0 and used + cost > tpm then
    refused = 2
    if cost > tpm then
      retry = win
    else
      -- the earliest time enough of the counted tokens have left the window
      local need, freed = used + cost - tpm, 0
      local entries = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
      for i = 1, #entries, 2 do
        freed = freed + (tonumber(redis.call('HGET', KEYS[3], entries[i])) or 0)
        if freed >= need then retry = tonumber(entries[i + 1]) + win - now break end
      end
    end
  end
end
if conc > 0 and refused == 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
  if redis.call('ZCARD', KEYS[4]) >= conc then refused = 3 retry = 1000 end
end
if refused == 0 then
  if rpm > 0 then
    redis.call('ZADD', KEYS[1], now, id)
    redis.call('PEXPIRE', KEYS[1], win * 2)
    rcount = rcount + 1
  end
  if tpm > 0 then
    redis.call('ZADD', KEYS[2], now, id)
    redis.call('HSET', KEYS[3], id, cost)
    redis.call('HINCRBY', KEYS[3], '_sum', cost)
    redis.call('PEXPIRE', KEYS[2], win * 2)
    redis.call('PEXPIRE', KEYS[3], win * 2)
    used = used + cost
  end
  if conc > 0 then
    redis.call('ZADD', KEYS[4], now + lease, id)
    redis.call('PEXPIRE', KEYS[4], lease * 2)
  end
end
if rcount > 0 then
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  if #last > 0 then rreset = tonumber(last[2]) + win - now end
end
if used > 0 then
  local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
  if #last > 0 then treset = tonumber(last[2]) + win - now end
end
return {refused == 0 and 1 or 0, refused, retry, rcount, rreset, used, treset}
`;

/**
 * KEYS: tokens zset, token weights hash, slots zset. ARGV: id, actual tokens (-1 = keep the count).
 * Frees the call's slot and corrects its tokens to what it used, if they are still in the window.
 */
export const RELEASE_SCRIPT = `
redis.call('ZREM', KEYS[3], ARGV[1])
local actual = tonumber(ARGV[2])
if actual >= 0 then
  local w = redis.call('HGET', KEYS[2], ARGV[1])
  if w then
    redis.call('HSET', KEYS[2], ARGV[1], actual)
    redis.call('HINCRBY', KEYS[2], '_sum', actual - tonumber(w))
  end
end
return 1
`;

/** KEYS: slots zset. ARGV: id, new expiry. Extends a held slot's lease (a long stream). */
export const RENEW_SCRIPT = `return redis.call('ZADD', KEYS[1], 'XX', 'CH', ARGV[2], ARGV[1])`;

const REFUSED_BY = [null, "requests", "tokens", "concurrency"] as const;

function verdict(r: AdmitRequest, raw: number[]): Verdict {
  const [admitted, by, retryMs, rcount, rreset, used, treset] = raw.map(Number);
  const { rpm, tpm } = r.limits;
  return {
    ok: admitted === 1,
    refusedBy: REFUSED_BY[by] ?? null,
    retryAfterMs: Math.max(0, retryMs),
    requests: rpm ? { limit: rpm, remaining: Math.max(0, rpm - rcount), resetMs: Math.max(0, rreset) } : null,
    tokens: tpm ? { limit: tpm, remaining: Math.max(0, tpm - used), resetMs: Math.max(0, treset) } : null,
  };
}

type Window = { at: number; id: string; n: number };
type Counters = { requests: Window[]; tokens: Window[]; tokenSum: number; slots: Map<string, number> };

/** The same algorithm in this process (one instance, or Redis down). */
export class MemoryCallLimiter {
  private readonly counters = new Map<string, Counters>();

  private get(key: string): Counters {
    let c = this.counters.get(key);
    if (!c) {
      c = { requests: [], tokens: [], tokenSum: 0, slots: new Map() };
      if (this.counters.size > 100_000) this.sweep();
      this.counters.set(key, c);
    }
    return c;
  }

  private sweep() {
    for (const [k, c] of this.counters) if (!c.requests.length && !c.tokens.length && !c.slots.size) this.counters.delete(k);
  }

  admit(r: AdmitRequest, leaseMs: number): Verdict {
    const { rpm, tpm, concurrency } = r.limits;
    const c = this.get(r.key);
    const from = r.now - WINDOW_MS;
    while (c.requests.length && c.requests[0].at <= from) c.requests.shift();
    while (c.tokens.length && c.tokens[0].at <= from) c.tokenSum -= c.tokens.shift()!.n;
    for (const [id, until] of c.slots) if (until <= r.now) c.slots.delete(id);
    let by = 0;
    let retry = 0;
    if (rpm && c.requests.length >= rpm) {
      by = 1;
      retry = c.requests[c.requests.length - rpm].at + WINDOW_MS - r.now;
    } else if (tpm && c.tokenSum + r.tokens > tpm) {
      by = 2;
      retry = WINDOW_MS;
      if (r.tokens <= tpm) {
        let freed = 0;
        for (const w of c.tokens) {
          freed += w.n;
          if (freed >= c.tokenSum + r.tokens - tpm) {
            retry = w.at + WINDOW_MS - r.now;
            break;
          }
        }
      }
    } else if (concurrency && c.slots.size >= concurrency) {
      by = 3;
      retry = 1000;
    }
    if (by === 0) {
      if (rpm) c.requests.push({ at: r.now, id: r.id, n: 1 });
      if (tpm) {
        c.tokens.push({ at: r.now, id: r.id, n: r.tokens });
        c.tokenSum += r.tokens;
      }
      if (concurrency) c.slots.set(r.id, r.now + leaseMs);
    }
    const last = (ws: Window[]) => (ws.length ? ws[ws.length - 1].at + WINDOW_MS - r.now : 0);
    return verdict(r, [by === 0 ? 1 : 0, by, retry, rpm ? c.requests.length : 0, last(c.requests), tpm ? c.tokenSum : 0, last(c.tokens)]);
  }

  release(key: string, id: string, actual: number | null): void {
    const c = this.counters.get(key);
    if (!c) return;
    c.slots.delete(id);
    if (actual === null) return;
    const w = c.tokens.find((x) => x.id === id);
    if (w) {
      c.tokenSum += actual - w.n;
      w.n = actual;
    }
  }

  renew(key: string, id: string, until: number): void {
    const c = this.counters.get(key);
    if (c?.slots.has(id)) c.slots.set(id, until);
  }
}

type Scripts = Redis & {
  gwAdmit(k1: string, k2: string, k3: string, k4: string, ...args: (string | number)[]): Promise<number[]>;
  gwRelease(k1: string, k2: string, k3: string, ...args: (string | number)[]): Promise<number>;
  gwRenew(k1: string, ...args: (string | number)[]): Promise<number>;
};

/** The Redis connection with the limiter's scripts defined (EVALSHA, loaded on first use). */
function scripts(r: Redis): Scripts {
  if (!("gwAdmit" in r)) {
    r.defineCommand("gwAdmit", { numberOfKeys: 4, lua: ADMIT_SCRIPT });
    r.defineCommand("gwRelease", { numberOfKeys: 3, lua: RELEASE_SCRIPT });
    r.defineCommand("gwRenew", { numberOfKeys: 1, lua: RENEW_SCRIPT });
  }
  return r as Scripts;
}

const keysOf = (base: string) => ({ requests: `${base}:r`, tokens: `${base}:t`, weights: `${base}:w`, slots: `${base}:c` });

/** One admission check in Redis. */
export async function redisAdmit(r: Redis, base: string, req: AdmitRequest, leaseMs: number): Promise<Verdict> {
  const k = keysOf(base);
  const { rpm, tpm, concurrency } = req.limits;
  const raw = await scripts(r).gwAdmit(k.requests, k.tokens, k.weights, k.slots, req.now, WINDOW_MS, rpm ?? 0, tpm ?? 0, concurrency ?? 0, req.tokens, req.id, leaseMs);
  return verdict(req, raw);
}

export async function redisRelease(r: Redis, base: string, id: string, actual: number | null): Promise<void> {
  const k = keysOf(base);
  await scripts(r).gwRelease(k.tokens, k.weights, k.slots, id, actual ?? -1);
}

export async function redisRenew(r: Redis, base: string, id: string, until: number): Promise<void> {
  await scripts(r).gwRenew(keysOf(base).slots, id, until);
}

/**
 * The relay's limiter: in Redis when it is up (exact across instances), else in this process.
 * A slot taken in Redis is released there (or expires with its lease, should this process die);
 * while held, the lease is renewed every third of its length.
 */
export function callLimiter(opts: { leaseMs: number; now?: () => number }) {
  const local = new MemoryCallLimiter();
  const now = opts.now ?? Date.now;
  return {
    async admit(req: AdmitRequest): Promise<Admission> {
      const base = `${redisPrefix()}lim:${req.key}`;
      let inRedis = true;
      const v = await withRedis(
        (r) => redisAdmit(r, base, req, opts.leaseMs),
        () => ((inRedis = false), local.admit(req, opts.leaseMs)),
      );
      if (!v.ok) return { ...v, lease: null };
      let renewal: NodeJS.Timeout | null = null;
      if (req.limits.concurrency) {
        renewal = setInterval(() => {
          const until = now() + opts.leaseMs;
          if (inRedis) void withRedis((r) => redisRenew(r, base, req.id, until), () => undefined);
          else local.renew(req.key, req.id, until);
        }, Math.max(1000, Math.floor(opts.leaseMs / 3)));
        renewal.unref();
      }
      let released = false;
      const lease: LimitLease = {
        release: async (actual) => {
          if (released) return;
          released = true;
          if (renewal) clearInterval(renewal);
          if (inRedis) await withRedis((r) => redisRelease(r, base, req.id, actual), () => undefined);
          else local.release(req.key, req.id, actual);
        },
      };
      return { ...v, lease };
    },
  };
}
