// The heaviest request the gateway accepts never freezes it: a 1 MB run without whitespace in a
// tool description, whose upstream reports no usage (so the call is estimated with the tokenizer).
import { afterAll, beforeAll, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { startApp, type RunningApp } from "../support/app";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner, rawV1 } from "../support/relay-fixture";

let app: RunningApp;
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
  app = await startApp();
  const admin = adminOf(app);
  await ensureModels(admin);
  await addChannel(admin, mock.url);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await mock?.close();
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
  // Health answers stay fast: the counting happens off the event loop and in linear time.
  expect(latencies[Math.floor(latencies.length * 0.95)]).toBeLessThan(500);
});
