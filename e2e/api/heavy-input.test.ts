// The heaviest request the gateway accepts never freezes it: a 1 MB run without whitespace in a
// tool description, whose upstream reports no usage (so the call is estimated with the tokenizer).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { MockUpstream } from "../mock-upstream/server";
import type { RunningApp } from "../support/app";
import { CHAT_MODEL, adminOf, newTokenOwner, rawV1, startRelay, type Relay } from "../support/relay-fixture";

let relay: Relay;
let app: RunningApp;
let mock: MockUpstream;

beforeAll(async () => {
  relay = await startRelay();
  ({ app, mock } = relay);
}, 120_000);

afterAll(async () => {
  await relay?.stop();
});

it("answers health checks in milliseconds while a worst-case input is estimated", async () => {
  const admin = adminOf(app);
  const t = await newTokenOwner(app, admin, { balance: 100_000_000_000 });
  const description = "ab".repeat(500_000);
  const body = JSON.stringify({
    model: CHAT_MODEL,
    messages: [{ role: "user", content: "hi" }],
    tools: [{ type: "function", function: { name: "f", description, parameters: { type: "object" } } }],
  });
  mock.setFault({ type: "no_usage", times: 3 });
  const latencies: number[] = [];
  let done = false;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await fetch(`${app.url}/api/health`);
      latencies.push(performance.now() - started);
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await rawV1(app, "/chat/completions", { key: t.key, body });
    expect(res.status).toBe(200);
    ids.push(res.headers.get("x-request-id")!);
  }
  // Wait for the three estimates to be written.
  let records: { estimated: boolean; promptTokens: number }[] = [];
  for (let i = 0; i < 100 && records.length < 3; i++) {
    await new Promise((r) => setTimeout(r, 200));
    records = (await admin.get(`/api/usage?tokenId=${t.tokenId}&userId=${t.userId}`)).body.data;
  }
  done = true;
  await probe;
  expect(records).toHaveLength(3);
  for (const r of records) {
    expect(r.estimated).toBe(true);
    expect(r.promptTokens).toBeGreaterThan(100_000);
  }
  latencies.sort((a, b) => a - b);
  expect(latencies.length).toBeGreaterThan(10);
  // Health answers stay fast while the input is counted (off the event loop, in linear time): an
  // event loop blocked by the count would hold every one of them for seconds, even minutes. The
  // bounds leave room for a loaded test machine.
  expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(500);
  expect(latencies[latencies.length - 1]).toBeLessThan(5_000);
});
