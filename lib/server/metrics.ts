// Prometheus metrics (GET /metrics): counted from the usage records the relay writes and from its
// refusals, so the hot path does no more than a map lookup and an increment per call. Labels are
// bounded: endpoints, known models (anything else is "other"), groups, channel ids and statuses;
// never a token or a user.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { channelHealth, heldReservations } from "@/lib/db/relay";
import type { UsageEntry } from "@/lib/gateway/types";
import { log } from "@/lib/log";

type ChannelHealth = Awaited<ReturnType<typeof channelHealth>>[number];

const OTHER = "other";
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80, 160];
const TTFB_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20];
const TOKEN_KINDS = ["prompt", "completion", "cached", "cache_write", "reasoning"] as const;

type Labelled<T> = { labels(...values: string[]): T };

/** Label children made once per distinct label set and kept: the per-call cost is one Map lookup. */
function children<T>(metric: Labelled<T>) {
  const made = new Map<string, T>();
  return (...values: string[]): T => {
    const key = values.join("\u0000");
    let child = made.get(key);
    if (child === undefined) {
      child = metric.labels(...values);
      made.set(key, child);
    }
    return child;
  };
}

export class GatewayMetrics {
  readonly registry = new Registry();
  /** Model names the routing snapshot knows; others are counted as "other". */
  private knownModels = new Set<string>();

  private readonly requests = new Counter({
    name: "gateway_requests_total",
    help: "Relay calls by endpoint, model, the channel that answered (or none) and HTTP status (calls of known tokens).",
    labelNames: ["endpoint", "model", "channel", "status"],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: "gateway_request_duration_seconds",
    help: "Time from a call's arrival to its end.",
    labelNames: ["endpoint", "model"],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly ttfb = new Histogram({
    name: "gateway_time_to_first_byte_seconds",
    help: "Time from a streamed call's arrival to the upstream's first byte.",
    labelNames: ["endpoint", "model"],
    buckets: TTFB_BUCKETS,
    registers: [this.registry],
  });
  private readonly tokens = new Counter({
    name: "gateway_tokens_total",
    help: "Tokens by model, group and kind (prompt, completion, cached, cache_write, reasoning).",
    labelNames: ["model", "group", "kind"],
    registers: [this.registry],
  });
  private readonly credits = new Counter({
    name: "gateway_credits_total",
    help: "Credits charged by model and group (500000 credits = 1 USD).",
    labelNames: ["model", "group"],
    registers: [this.registry],
  });
  private readonly writtenOff = new Counter({
    name: "gateway_credits_written_off_total",
    help: "Credits a call's real cost exceeded what its token and balance had left (never charged), by model and group.",
    labelNames: ["model", "group"],
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: "gateway_refusals_total",
    help: "Calls refused before reaching an upstream, by error code (invalid_api_key counts unknown keys, rate_limit_exceeded rate limits).",
    labelNames: ["code"],
    registers: [this.registry],
  });
  private readonly attempts = new Counter({
    name: "gateway_upstream_attempts_total",
    help: "Upstream attempts by channel and outcome (ok, or the upstream's status, or error).",
    labelNames: ["channel", "outcome"],
    registers: [this.registry],
  });

  private readonly requestChild = children<Counter>(this.requests as unknown as Labelled<Counter>);
  private readonly latencyChild = children<Histogram>(this.latency as unknown as Labelled<Histogram>);
  private readonly ttfbChild = children<Histogram>(this.ttfb as unknown as Labelled<Histogram>);
  private readonly tokenChild = children<Counter>(this.tokens as unknown as Labelled<Counter>);
  private readonly creditChild = children<Counter>(this.credits as unknown as Labelled<Counter>);
  private readonly writtenOffChild = children<Counter>(this.writtenOff as unknown as Labelled<Counter>);
  private readonly refusalChild = children<Counter>(this.refusals as unknown as Labelled<Counter>);
  private readonly attemptChild = children<Counter>(this.attempts as unknown as Labelled<Counter>);

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Read from the database when scraped: every instance reports the same shared state. Gauges
    // are collected concurrently; the gauges of one query share its answer.
    const registers = [this.registry];
    const health = this.shared(() =>
      channelHealth().catch((err) => {
        log().error({ err }, "metrics: reading channel health failed");
        return null;
      }),
    );
    const perChannel = (name: string, help: string, value: (c: ChannelHealth) => number, reason = false) =>
      new Gauge({
        name,
        help,
        labelNames: reason ? ["channel", "name", "reason"] : ["channel", "name"],
        registers,
        async collect() {
          const rows = await health();
          if (!rows) return;
          this.reset();
          for (const c of rows) {
            const labels = [String(c.id), c.name, ...(reason ? [c.status === "auto_disabled" ? "auto" : "admin"] : [])];
            this.labels(...labels).set(value(c));
          }
        },
      });
    perChannel("gateway_channel_up", "1 when the channel is active.", (c) => (c.status === "active" ? 1 : 0));
    perChannel(
      "gateway_channel_disabled",
      "1 when the channel is disabled (reason: admin, or auto after failures in a row).",
      (c) => (c.status === "active" ? 0 : 1),
      true,
    );
    perChannel("gateway_channel_consecutive_failures", "Upstream failures in a row.", (c) => c.consecutiveFailures);
    perChannel("gateway_channel_keys_cooling_down", "Keys of the channel set aside after a 401/403/429 (this instance).", (c) =>
      this.coolingKeys(c.id),
    );
    const held = this.shared(() => heldReservations().catch(() => null));
    new Gauge({
      name: "gateway_reservations_held",
      help: "Credit reservations held by calls in flight (all instances).",
      registers,
      async collect() {
        const h = await held();
        if (h) this.set(h.count);
      },
    });
    new Gauge({
      name: "gateway_reservations_held_credits",
      help: "Credits held by calls in flight (all instances).",
      registers,
      async collect() {
        const h = await held();
        if (h) this.set(h.amount);
      },
    });
  }

  /** One read shared by the gauges of a scrape (reads within a second share an answer). */
  private shared<T>(read: () => Promise<T>): () => Promise<T> {
    let last: { at: number; value: Promise<T> } | null = null;
    return () => {
      const now = Date.now();
      if (!last || now - last.at > 1_000) last = { at: now, value: read() };
      return last.value;
    };
  }

  /** Keys of a channel cooling down; set by the relay wiring. */
  coolingKeys: (channelId: number) => number = () => 0;

  /** Tells which model names are real (from the routing snapshot); other names collapse to "other". */
  setKnownModels(names: Iterable<string>): void {
    this.knownModels = new Set(names);
  }

  private modelLabel(model: string): string {
    return this.knownModels.has(model) ? model : OTHER;
  }

  /** Counts one call from its usage record; `settled` is what its settlement charged and wrote off. */
  observe(e: UsageEntry, settled?: { charged: number; writtenOff: number }): void {
    const model = this.modelLabel(e.model);
    this.requestChild(e.endpoint, model, e.channelId === null ? "none" : String(e.channelId), String(e.status)).inc();
    this.latencyChild(e.endpoint, model).observe(e.latencyMs / 1000);
    if (e.ttfbMs !== null) this.ttfbChild(e.endpoint, model).observe(e.ttfbMs / 1000);
    for (const a of e.attempts) {
      this.attemptChild(String(a.channelId), a.error === null ? "ok" : a.status === null ? "error" : String(a.status)).inc();
    }
    if (e.promptTokens || e.completionTokens) {
      const counts = [e.promptTokens, e.completionTokens, e.cachedTokens, e.cacheWriteTokens + e.cacheWrite1hTokens, e.reasoningTokens];
      TOKEN_KINDS.forEach((kind, i) => counts[i] && this.tokenChild(model, e.group, kind).inc(counts[i]));
    }
    const charged = settled ? settled.charged : e.cost;
    if (charged > 0) this.creditChild(model, e.group).inc(charged);
    if (settled && settled.writtenOff > 0) this.writtenOffChild(model, e.group).inc(settled.writtenOff);
  }

  /** Counts a refusal by its code. */
  refused(code: string): void {
    this.refusalChild(code).inc();
  }
}

const METRICS = Symbol.for("gateway.metrics");

/** The process's metrics. */
export function metrics(): GatewayMetrics {
  const g = globalThis as { [METRICS]?: GatewayMetrics };
  g[METRICS] ??= new GatewayMetrics();
  return g[METRICS];
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function metricsAuthorized(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return m !== null && timingSafeEqual(digest(m[1].trim()), digest(token));
}

/** GET /metrics: Prometheus text; 401 without the token. Only routed when METRICS_TOKEN is set. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  if (!metricsAuthorized(req.headers.authorization, token)) {
    res.writeHead(401, { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="metrics"' });
    res.end("Unauthorized\n");
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET", "content-type": "text/plain; charset=utf-8" });
    res.end("Method not allowed\n");
    return;
  }
  const m = metrics();
  const text = await m.registry.metrics();
  res.writeHead(200, { "content-type": m.registry.contentType, "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : text);
}
