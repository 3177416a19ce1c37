// Wires the relay core to the real stores: the database, in-process caches invalidated through
// the cache bus, and batched side effects.
import { invalidate, onInvalidate } from "@/lib/cache/bus";
import { getConfig } from "@/lib/config";
import { checkpointHold, reserveCredits, settleCredits } from "@/lib/db/ledger";
import {
  findRelayToken,
  insertUsageRecords,
  loadRouting,
  recordChannelFailure,
  recordChannelSuccess,
  touchTokens,
} from "@/lib/db/relay";
import { parseCidrList } from "@/lib/net/cidr";
import { Batcher, TtlCache } from "@/lib/gateway/caches";
import { callLimiter } from "@/lib/cache/call-limits";
import { QUOTA_PERIODS, SPEND_PERIODS, type QuotaPeriod, type SpendPeriod } from "@/lib/billing/periods";
import { createUpstreamDispatcher, upstreamClient } from "@/lib/server/upstream-client";
import type { AuthToken, GatewayDeps, RoutingSnapshot, UsageEntry } from "@/lib/gateway/types";
import path from "node:path";
import { Journal } from "@/lib/server/journal";
import { onShutdown } from "@/lib/server/lifecycle";
import { countInWorker } from "@/lib/server/token-counter";
import { metrics } from "@/lib/server/metrics";
import { sharedKeyPool } from "@/lib/gateway/key-pool";
import { callLog, log } from "@/lib/log";

const CACHE_TTL_MS = 10_000;
const SUCCESS_WRITE_INTERVAL_MS = 60_000;

async function loadToken(keyHash: string): Promise<AuthToken | null> {
  const row = await findRelayToken(keyHash);
  if (!row) return null;
  const ips = parseCidrList(row.allowedIps);
  // Entries are validated on write; one that does not parse must never widen access to "any".
  if (!ips.ok) log().error({ tokenId: row.id }, "token has invalid allowed IPs; refusing it");
  const { spendLimitPeriod, quotaPeriod, ...rest } = row;
  return {
    ...rest,
    quotaPeriod: QUOTA_PERIODS.includes(quotaPeriod as QuotaPeriod) ? (quotaPeriod as QuotaPeriod) : "none",
    userSpendPeriod: SPEND_PERIODS.includes(spendLimitPeriod as SpendPeriod) ? (spendLimitPeriod as SpendPeriod) : "monthly",
    status: row.status === "active" && ips.ok ? "active" : "disabled",
    userStatus: row.userStatus === "active" ? "active" : "disabled",
    expiresAt: row.expiresAt ? row.expiresAt.getTime() : null,
    allowedIps: ips.ok ? ips.list : [],
  };
}

async function loadSnapshot(): Promise<RoutingSnapshot> {
  const r = await loadRouting();
  metrics().setKnownModels(r.models.map((m) => m.name));
  return {
    groupRatios: new Map(r.groups.map((g) => [g.name, g.ratio])),
    groupLimits: new Map(
      r.groups
        .filter((g) => g.rpmLimit !== null || g.tpmLimit !== null || g.concurrencyLimit !== null)
        .map((g) => [g.name, { rpmLimit: g.rpmLimit, tpmLimit: g.tpmLimit, concurrencyLimit: g.concurrencyLimit }]),
    ),
    models: new Map(r.models.map((m) => [m.name, m])),
    // A channel whose keys cannot be opened (a wrong ENCRYPTION_KEY) is left out; the error is logged.
    channels: r.channels.filter((c) => c.apiKeys.length > 0).map((c) => ({ ...c, apiKey: c.apiKeys[0] })),
  };
}

function createDeps(): GatewayDeps {
  const config = getConfig();
  const tokens = new TtlCache<AuthToken | null>(CACHE_TTL_MS, 50_000);
  const routing = new TtlCache<RoutingSnapshot>(CACHE_TTL_MS, 1);
  onInvalidate((topic, key) => {
    if (topic === "routing") routing.clear();
    else if (key) tokens.delete(key);
    else tokens.clear();
  });

  const usage = new Batcher<UsageEntry>(250, 500, async (entries) => {
    try {
      await insertUsageRecords(entries);
    } catch (err) {
      log().error({ records: entries.length, error: (err as Error).message }, "writing usage records failed; journaled");
      journal().append({ kind: "usage", entries });
    }
  });
  const touched = new Batcher<number>(5_000, 1_000, (ids) => touchTokens([...new Set(ids)], new Date()));
  onShutdown(() => usage.flush());
  onShutdown(() => touched.flush());

  const failedSinceSuccess = new Set<number>();
  const lastSuccessWrite = new Map<number, number>();

  const dispatcher = createUpstreamDispatcher({ connectTimeoutMs: config.upstreamConnectTimeoutMs });
  const limiter = callLimiter({ leaseMs: config.concurrencyLeaseSeconds * 1000 });
  const stats = metrics();
  stats.coolingKeys = (id) => sharedKeyPool().coolingCount(id);

  return {
    findToken: (hash) => tokens.get(hash, () => loadToken(hash)),
    routing: () => routing.get("all", loadSnapshot),
    admit: (request) => limiter.admit(request),
    reserve: async (hold) => {
      const r = await reserveCredits(hold, config.holdTtlSeconds);
      return r.ok ? r : { ok: false, code: "insufficient_quota", which: r.which };
    },
    settle: async (hold, entry) => {
      try {
        const r = await settleCredits(hold, entry);
        if (!r.duplicate) stats.observe(entry, r);
        if (r.writtenOff > 0) callLog(hold.requestId).warn({ writtenOff: r.writtenOff }, "credits written off: the funds left did not cover the real cost");
      } catch (err) {
        callLog(hold.requestId).error({ error: (err as Error).message }, "settlement failed; journaled");
        journal().append({ kind: "settle", hold, entry });
        stats.observe(entry);
      }
    },
    checkpoint: (hold, cost, entry) =>
      void checkpointHold(hold, cost, entry).catch((e) => callLog(hold.requestId).error({ error: e.message }, "checkpoint failed")),
    recordUsage: (entry) => {
      stats.observe(entry);
      usage.add(entry);
    },
    refused: (code) => stats.refused(code),
    touchToken: (id) => touched.add(id),
    channelSucceeded(id) {
      const now = Date.now();
      if (!failedSinceSuccess.has(id) && now - (lastSuccessWrite.get(id) ?? 0) < SUCCESS_WRITE_INTERVAL_MS) return;
      failedSinceSuccess.delete(id);
      lastSuccessWrite.set(id, now);
      void recordChannelSuccess(id).catch((err) => log().error({ err, channelId: id }, "recording a channel success failed"));
    },
    channelFailed(id, reason) {
      failedSinceSuccess.add(id);
      void recordChannelFailure(id, reason, config.channelFailureThreshold)
        .then((disabled) => {
          if (!disabled) return;
          log().warn({ channelId: id, failures: config.channelFailureThreshold }, "channel disabled after failures in a row");
          invalidate("routing");
        })
        .catch((err) => log().error({ err, channelId: id }, "recording a channel failure failed"));
    },
    countTokens: countInWorker,
    upstream: upstreamClient(dispatcher),
    keys: sharedKeyPool(),
    now: () => Date.now(),
    random: Math.random,
    config: {
      maxBodyBytes: config.maxBodyBytes,
      upstreamTimeoutMs: config.upstreamTimeoutMs,
      maxAttempts: config.upstreamMaxAttempts,
      checkpointIntervalMs: config.checkpointIntervalMs,
      defaultRpm: config.rateLimitRpm,
      budgetTimeZone: config.budgetTimeZone,
    },
  };
}

const JOURNAL = Symbol.for("gateway.journal");

/** The journal of this process: settlements and usage records kept while the database is unreachable. */
export function journal(): Journal {
  const g = globalThis as { [JOURNAL]?: Journal };
  g[JOURNAL] ??= new Journal(path.join(getConfig().dataDir, "journal"), async (item) => {
    if (item.kind === "usage") await insertUsageRecords(item.entries);
    else await settleCredits(item.hold, item.entry);
  });
  return g[JOURNAL];
}

const RUNTIME = Symbol.for("gateway.relayDeps");

/** The process-wide relay dependencies, created on first use. */
export function relayDeps(): GatewayDeps {
  const g = globalThis as { [RUNTIME]?: GatewayDeps };
  g[RUNTIME] ??= createDeps();
  return g[RUNTIME];
}
