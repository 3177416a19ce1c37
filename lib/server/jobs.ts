import { request } from "undici";
import { invalidate } from "@/lib/cache/bus";
import type { Config } from "@/lib/config";
import { releaseExpiredHolds } from "@/lib/db/ledger";
import { listAutoDisabledChannels, reenableChannel } from "@/lib/db/relay";
import { listModelsRequest } from "@/lib/gateway/providers/probe";
import { journal } from "@/lib/server/relay-deps";
import { sharedKeyPool } from "@/lib/gateway/key-pool";
import { rollUpAndPrune } from "@/lib/db/usage-retention";
import { createUpstreamDispatcher } from "@/lib/server/upstream-client";
import { log } from "@/lib/log";

/** Re-enables auto-disabled channels whose upstream lists its models again (each type at its own URL, with its own headers). */
export async function probeChannels(dispatcher: ReturnType<typeof createUpstreamDispatcher>): Promise<void> {
  for (const c of await listAutoDisabledChannels()) {
    try {
      const probe = listModelsRequest({ ...c, apiKey: sharedKeyPool().pick(c) ?? "" });
      const res = await request(probe.url, {
        dispatcher,
        headers: probe.headers,
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      });
      await res.body.dump();
      if (res.statusCode >= 200 && res.statusCode < 300 && (await reenableChannel(c.id))) {
        log().info({ channelId: c.id }, "channel answered the probe and is back in service");
        invalidate("routing");
      }
    } catch {
      // still down
    }
  }
}

/**
 * Background jobs of every instance: the reconciler that releases holds left by a process that
 * died mid-request (at start, then every TTL/2), and the probe of auto-disabled channels.
 */
export function startJobs(config: Config): void {
  const reconcile = () =>
    void releaseExpiredHolds()
      .then((n) => n && log().info({ holds: n }, "released expired credit holds"))
      .catch((err) => log().error({ err }, "hold reconciler failed"));
  reconcile();
  setInterval(reconcile, Math.min(30_000, (config.holdTtlSeconds * 1000) / 2)).unref();

  // Settlements kept while the database was unreachable (by this process, or one that died).
  const replay = () => void journal().replay().catch((err) => log().error({ err }, "journal replay failed"));
  replay();
  setInterval(() => journal().pending() && replay(), 2_000).unref();

  // Retention: old records added up into totals, then pruned in batches (at start, then hourly).
  if (config.usageRetentionDays > 0) {
    const retain = () =>
      void rollUpAndPrune(config.usageRetentionDays)
        .then((r) => (r.days || r.pruned) && log().info(r, "usage retention: old records kept as totals and pruned"))
        .catch((err) => log().error({ err }, "usage retention failed"));
    setTimeout(retain, 1_000).unref();
    setInterval(retain, 3_600_000).unref();
  }

  const dispatcher = createUpstreamDispatcher({ connectTimeoutMs: config.upstreamConnectTimeoutMs });
  const probe = () => void probeChannels(dispatcher).catch((err) => log().error({ err }, "channel probe failed"));
  setInterval(probe, config.channelProbeIntervalMs).unref();
}
