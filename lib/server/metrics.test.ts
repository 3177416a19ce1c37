// What a settlement charged and wrote off is what /metrics counts (the usage record's cost is
// what the call was worth; the funds may have covered less).
import { describe, expect, it } from "vitest";
import type { UsageEntry } from "@/lib/gateway/types";
import { GatewayMetrics } from "./metrics";

const entry = (cost: number): UsageEntry => ({
  requestId: "req_1", userId: 1, tokenId: 1, tokenName: "t", channelId: 3, endpoint: "chat", model: "m", upstreamModel: "m",
  group: "default", promptTokens: 10, completionTokens: 5, cachedTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0,
  reasoningTokens: 0, modelRatio: 1, completionRatio: 1, cacheRatio: 1, cacheWriteRatio: 1.25, cacheWrite1hRatio: 2, groupRatio: 1,
  fixedPrice: null, cost, writtenOff: 0, status: 200, errorCode: null, errorMessage: null, stream: false, estimated: false,
  latencyMs: 12, ttfbMs: null, attempts: [{ channelId: 3, status: 200, error: null, ms: 10 }], clientIp: null, userAgent: null,
  createdAt: new Date(),
});

const sample = (text: string, name: string) => Number(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);

describe("credits in /metrics", () => {
  it("counts what the settlement charged, and what it wrote off apart", async () => {
    const m = new GatewayMetrics();
    m.setKnownModels(["m"]);
    m.observe(entry(100), { charged: 70, writtenOff: 30 });
    m.observe(entry(50), { charged: 50, writtenOff: 0 });
    const text = await m.registry.metrics();
    expect(sample(text, "gateway_credits_total")).toBe(120);
    expect(sample(text, "gateway_credits_written_off_total")).toBe(30);
  });

  it("counts a call whose settlement was journaled at its full cost", async () => {
    const m = new GatewayMetrics();
    m.setKnownModels(["m"]);
    m.observe(entry(40));
    const text = await m.registry.metrics();
    expect(sample(text, "gateway_credits_total")).toBe(40);
    expect(text).not.toMatch(/^gateway_credits_written_off_total\{/m);
  });
});
