// In-memory dependencies for the relay core's tests: a token store, a ledger, a usage sink, channel
// health counters and a scripted upstream. No sockets, no database, no Next.
import { hashApiKey } from "@/lib/auth/api-key";
import { countTokens } from "@/lib/billing/estimate";
import type { RelayInput, RelayResult } from "@/lib/gateway/http";
import { isBodyStream } from "@/lib/gateway/http";
import { UpstreamFailure, type UpstreamRequest, type UpstreamResponse } from "@/lib/gateway/upstream";
import type { AuthToken, ChannelInfo, GatewayDeps, GroupLimits, Hold, RoutingSnapshot, UsageEntry } from "@/lib/gateway/types";
import { KeyPool } from "@/lib/gateway/key-pool";
import { MemoryCallLimiter } from "@/lib/cache/call-limits";

export const KEY = `sk-${"a".repeat(48)}`;

/** What a scripted upstream does for one request. */
export type Script =
  | { json: unknown; status?: number; headers?: Record<string, string> }
  | { text: string; status: number; headers?: Record<string, string> }
  | { sse: string[]; breakAfter?: number; headers?: Record<string, string> }
  | { fail: string; timeout?: boolean }
  | { hang: true }
  | { hangBody: true };

const enc = new TextEncoder();

/** An upstream body that waits until the request is aborted, then throws like undici does. */
async function* hang(signal: AbortSignal): AsyncGenerator<Uint8Array> {
  await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  throw new Error("aborted");
}

async function* sseBody(events: string[], breakAfter: number | undefined, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < events.length; i++) {
    if (breakAfter !== undefined && i === breakAfter) throw new UpstreamFailure("ECONNRESET: other side closed", false);
    if (signal.aborted) throw new Error("aborted");
    await new Promise((r) => setImmediate(r));
    yield enc.encode(events[i]);
  }
  if (breakAfter !== undefined && breakAfter >= events.length) await new Promise<void>((r) => signal.addEventListener("abort", () => r()));
}

function respond(s: Script, req: UpstreamRequest): UpstreamResponse | Promise<UpstreamResponse> {
  if ("fail" in s) throw new UpstreamFailure(s.fail, s.timeout ?? false);
  if ("hang" in s) {
    return new Promise((_, reject) =>
      req.signal.addEventListener("abort", () => reject(new Error("This operation was aborted")), { once: true }),
    );
  }
  const base = { discard: () => {} };
  if ("hangBody" in s) return { ...base, status: 200, headers: { "content-type": "text/event-stream" }, body: hang(req.signal) };
  if ("sse" in s) {
    return { ...base, status: 200, headers: { "content-type": "text/event-stream", ...s.headers }, body: sseBody(s.sse, s.breakAfter, req.signal) };
  }
  const bytes = "json" in s ? JSON.stringify(s.json) : s.text;
  return {
    ...base,
    status: s.status ?? 200,
    headers: { "content-type": "application/json", ...s.headers },
    body: (async function* () {
      yield enc.encode(bytes);
    })(),
  };
}

export const channel = (over: Partial<ChannelInfo> = {}): ChannelInfo => ({
  id: 1, name: "c1", type: "openai", apiVersion: null, headers: {}, baseUrl: "http://up.test/v1", apiKey: "up-secret-key-123",
  apiKeys: [over.apiKey ?? "up-secret-key-123"], models: ["m"], modelMapping: {}, groups: ["default"], priority: 0, weight: 1, ...over,
});

export function world(
  over: { token?: Partial<AuthToken>; available?: number; channels?: ChannelInfo[]; scripts?: Script[]; rateLimited?: boolean; contextWindow?: number; groupLimits?: Partial<GroupLimits> } = {},
) {
  const token: AuthToken = {
    id: 7, userId: 3, name: "t", status: "active", userStatus: "active", expiresAt: null,
    allowedModels: [], allowedIps: [], group: "default", quota: null, quotaPeriod: "none", userSpendPeriod: "monthly",
    rpmLimit: over.rateLimited ? 1 : null, tpmLimit: null, concurrencyLimit: null, ...over.token,
  };
  const limiter = new MemoryCallLimiter();
  const leases: string[] = [];
  const snapshot: RoutingSnapshot = {
    groupRatios: new Map([["default", 1]]),
    groupLimits: new Map(over.groupLimits ? [["default", { rpmLimit: null, tpmLimit: null, concurrencyLimit: null, ...over.groupLimits }]] : []),
    models: new Map([["m", { name: "m", modelRatio: 1, completionRatio: 2, cacheRatio: 1, fixedPrice: null, maxOutputTokens: 50, contextWindow: over.contextWindow ?? null }]]),
    channels: over.channels ?? [channel()],
  };
  const scripts = [...(over.scripts ?? [])];
  let available = over.available ?? 1_000_000;
  const calls: string[] = [];
  const upstreamRequests: UpstreamRequest[] = [];
  const usage: UsageEntry[] = [];
  const settled: { hold: Hold; cost: number }[] = [];
  const checkpoints: { hold: Hold; cost: number }[] = [];
  const refusals: string[] = [];
  const failed: number[] = [];
  const succeeded: number[] = [];
  const deps: GatewayDeps = {
    findToken: async (hash) => (calls.push("findToken"), hash === hashApiKey(KEY) ? token : null),
    routing: async () => (calls.push("routing"), snapshot),
    admit: async (r) => {
      calls.push("admit");
      if (over.rateLimited) return { ok: false, refusedBy: "requests", retryAfterMs: 6_500, requests: { limit: 1, remaining: 0, resetMs: 6_500 }, tokens: null, lease: null };
      const v = limiter.admit(r, 60_000);
      if (!v.ok) return { ...v, lease: null };
      leases.push(r.id);
      return {
        ...v,
        lease: {
          release: async (actual) => {
            if (!leases.includes(r.id)) return;
            leases.splice(leases.indexOf(r.id), 1);
            limiter.release(r.key, r.id, actual);
          },
        },
      };
    },
    reserve: async (hold) => {
      calls.push("reserve");
      if (hold.amount > available) return { ok: false, code: "insufficient_quota", which: "balance" };
      available -= hold.amount;
      return { ok: true };
    },
    settle: async (hold, entry) => {
      const charged = Math.min(entry.cost, available + hold.amount);
      available += hold.amount - charged;
      settled.push({ hold, cost: charged });
      usage.push({ ...entry, cost: charged, writtenOff: entry.cost - charged });
    },
    checkpoint: (hold, cost) => checkpoints.push({ hold, cost }),
    recordUsage: (e) => usage.push(e),
    refused: (code) => refusals.push(code),
    touchToken: () => {},
    channelSucceeded: (id) => succeeded.push(id),
    channelFailed: (id) => failed.push(id),
    countTokens: async (texts) => Promise.all(texts.map(countTokens)),
    upstream: async (req) => {
      calls.push("upstream");
      upstreamRequests.push(req);
      const script = scripts.shift();
      if (!script) throw new Error("the test scripted no answer for this request");
      return respond(script, req);
    },
    now: () => Date.now(),
    keys: new KeyPool(() => Date.now()),
    random: () => 0,
    config: { maxBodyBytes: 10_000, upstreamTimeoutMs: 5_000, maxAttempts: 3, checkpointIntervalMs: 20, defaultRpm: 0, budgetTimeZone: "UTC" },
  };
  return { deps, limiter, leases, calls, upstreamRequests, usage, settled, checkpoints, refusals, failed, succeeded, available: () => available };
}

/** A client request; `abort` simulates the client going away. */
export function input(body: unknown, opts: { key?: string | null; ip?: string } = {}) {
  const controller = new AbortController();
  const bytes = enc.encode(typeof body === "string" ? body : JSON.stringify(body));
  const key = opts.key === undefined ? KEY : opts.key;
  const headers = new Headers({ "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) });
  const value: RelayInput = {
    requestId: "req_test",
    method: "POST",
    headers,
    clientIp: opts.ip ?? "127.0.0.1",
    readBody: async (max) =>
      bytes.byteLength > max ? { ok: false, code: "request_too_large", message: "too large" } : { ok: true, value: bytes },
    signal: controller.signal,
  };
  return { value, abort: () => controller.abort() };
}

/** The whole body of a result as text (pulling a stream to its end). */
export async function text(result: RelayResult): Promise<string> {
  const { body } = result;
  if (!isBodyStream(body)) return body === null ? "" : typeof body === "string" ? body : Buffer.from(body).toString("utf8");
  let out = "";
  for (let chunk = await body.next(); chunk; chunk = await body.next()) out += Buffer.from(chunk).toString("utf8");
  return out;
}

export const sse = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;
export const chunk = (content: string) => ({ id: "c", object: "chat.completion.chunk", model: "m", choices: [{ index: 0, delta: { content } }] });
export const usageChunk = (p: number, c: number) => ({ id: "c", object: "chat.completion.chunk", model: "m", choices: [], usage: { prompt_tokens: p, completion_tokens: c } });
export const completion = (content: string, usage: unknown = { prompt_tokens: 10, completion_tokens: 5 }) => ({
  id: "c", object: "chat.completion", model: "m", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }], usage,
});
