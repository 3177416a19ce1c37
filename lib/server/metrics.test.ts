// What a settlement charged and wrote off is what /metrics counts (the usage record's cost is
// what the call was worth; the funds may have covered less).
import { describe, expect, it } from "vitest";
import { usageEntry } from "@/lib/db/test-helpers";
import { GatewayMetrics } from "./metrics";

const entry = (cost: number) => usageEntry({ requestId: "req_1", userId: 1, tokenId: 1 }, cost, { promptTokens: 10, completionTokens: 5 });

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
