// Every exit path of an admitted call finishes exactly once: one settlement, one usage record with
// the right status, and channel health that blames only the upstream's own failures.
import { describe, expect, it } from "vitest";
import { handleRelay } from "@/lib/gateway/call";
import { chatFormat } from "@/lib/gateway/formats/openai";
import { isBodyStream } from "@/lib/gateway/http";
import { channel, chunk, completion, input, sse, text, usageChunk, world } from "@/lib/gateway/test-world";

const chat = { model: "m", messages: [{ role: "user", content: "hello there" }], max_tokens: 5 };
const streamChat = { ...chat, stream: true };
const twoChannels = [channel({ id: 1 }), channel({ id: 2, name: "c2" })];

async function run(w: ReturnType<typeof world>, body: unknown = chat, req = input(body)) {
  const res = await handleRelay(req.value, chatFormat, w.deps);
  const out = await text(res);
  await res.finished;
  return { res, out };
}

function finishedOnce(w: ReturnType<typeof world>, status: number, errorCode: string | null) {
  expect(w.settled).toHaveLength(1);
  expect(w.usage).toHaveLength(1);
  expect(w.usage[0]).toMatchObject({ status, errorCode });
  expect(w.usage[0].cost).toBe(w.settled[0].cost);
  expect(w.available()).toBe(1_000_000 - w.settled[0].cost);
}

describe("an admitted call", () => {
  it("charges the upstream's usage, answers its bytes and marks the channel healthy", async () => {
    const w = world({ scripts: [{ json: completion("hi") }] });
    const { res, out } = await run(w);
    expect(res.status).toBe(200);
    expect(JSON.parse(out).choices[0].message.content).toBe("hi");
    finishedOnce(w, 200, null);
    expect(w.settled[0].cost).toBe(10 + 2 * 5);
    expect(w.succeeded).toEqual([1]);
    expect(w.failed).toEqual([]);
  });

  it("records the cache-write rates it charged: a model without its own pays the defaults, 1.25 and 2", async () => {
    const w = world({ scripts: [{ json: completion("hi") }] });
    await run(w);
    expect(w.usage[0]).toMatchObject({ cacheWriteRatio: 1.25, cacheWrite1hRatio: 2 });
  });

  it("caps the output it reserved for when the client set none", async () => {
    const w = world({ scripts: [{ json: completion("hi") }] });
    await run(w, { model: "m", messages: [{ role: "user", content: "x" }] });
    expect(JSON.parse(String(w.upstreamRequests[0].body)).max_completion_tokens).toBe(50);
  });

  it("reserves for every choice when n > 1", async () => {
    const w = world({ scripts: [{ json: completion("hi") }] });
    const small = world({ scripts: [{ json: completion("hi") }] });
    await run(w, { ...chat, n: 4 });
    await run(small, chat);
    // Three more choices of 5 output tokens at completion ratio 2, and the 6 bytes of `,"n":4`.
    expect(w.settled[0].hold.amount - small.settled[0].hold.amount).toBe(3 * 5 * 2 + 6);
  });

  it("estimates a call whose upstream reports no usage or unbelievable usage, and flags it", async () => {
    for (const usage of [null, { prompt_tokens: 2 ** 60, completion_tokens: 1 }, { prompt_tokens: -1 }]) {
      const w = world({ scripts: [{ json: completion("four words of output", usage) }] });
      const { res } = await run(w);
      expect(res.status).toBe(200);
      finishedOnce(w, 200, null);
      expect(w.usage[0].estimated).toBe(true);
      expect(w.usage[0].completionTokens).toBeGreaterThan(0);
    }
  });

  it("fails over on a connect error, a 5xx, a redirect and a nonsense body; blames each failed channel once", async () => {
    for (const bad of [{ fail: "ECONNREFUSED" }, { json: { error: { message: "boom" } }, status: 500 }, { text: "", status: 302 }, { text: "null", status: 200 }] as const) {
      const w = world({ channels: twoChannels, scripts: [bad, { json: completion("ok") }] });
      const { res } = await run(w);
      expect(res.status).toBe(200);
      finishedOnce(w, 200, null);
      expect(w.failed).toEqual([1]);
      expect(w.succeeded).toEqual([2]);
    }
  });

  it("does not blame a rate-limited (429) channel", async () => {
    const w = world({ channels: twoChannels, scripts: [{ json: { error: { message: "slow down" } }, status: 429 }, { json: completion("ok") }] });
    await run(w);
    expect(w.failed).toEqual([]);
    expect(w.succeeded).toEqual([2]);
  });

  it("answers 502 when every channel fails and 504 when the last one timed out; charges nothing", async () => {
    const w = world({ channels: twoChannels, scripts: [{ fail: "ECONNRESET" }, { fail: "ECONNREFUSED" }] });
    const { res } = await run(w);
    expect(res.status).toBe(502);
    finishedOnce(w, 502, "upstream_error");
    expect(w.settled[0].cost).toBe(0);
    expect(w.failed).toEqual([1, 2]);
    const t = world({ scripts: [{ fail: "headers timeout", timeout: true }] });
    expect((await run(t)).res.status).toBe(504);
    finishedOnce(t, 504, "upstream_timeout");
  });

  it("passes an upstream 4xx on, sanitized, charges nothing and keeps the channel healthy", async () => {
    const w = world({ scripts: [{ json: { error: { message: "bad key up-secret-key-123 or sk-abcdefghijkl", code: "bad_thing" } }, status: 400 }] });
    const { res, out } = await run(w);
    expect(res.status).toBe(400);
    expect(out).not.toContain("up-secret-key-123");
    expect(out).not.toContain("sk-abcdefghijkl");
    finishedOnce(w, 400, "bad_thing");
    expect(w.settled[0].cost).toBe(0);
    expect(w.succeeded).toEqual([1]);
  });

  it("streams, hides the usage chunk the client did not ask for, and charges the streamed usage", async () => {
    const w = world({ scripts: [{ sse: [sse(chunk("Hel")), sse(chunk("lo")), sse(usageChunk(10, 2)), "data: [DONE]\n\n"] }] });
    const { res, out } = await run(w, streamChat);
    expect(res.status).toBe(200);
    expect(out).toBe(sse(chunk("Hel")) + sse(chunk("lo")) + "data: [DONE]\n\n");
    finishedOnce(w, 200, null);
    expect(w.settled[0].cost).toBe(10 + 2 * 2);
    expect(JSON.parse(String(w.upstreamRequests[0].body)).stream_options).toEqual({ include_usage: true });
  });

  it("ends a stream the upstream breaks off with an error event, charges what was produced, blames the channel", async () => {
    const w = world({ scripts: [{ sse: [sse(chunk("Hel")), sse(chunk("lo"))], breakAfter: 1 }] });
    const { out } = await run(w, streamChat);
    expect(out).toContain("Hel");
    expect(out).toContain('"code":"upstream_error"');
    finishedOnce(w, 200, "upstream_error");
    expect(w.usage[0].estimated).toBe(true);
    expect(w.settled[0].cost).toBeGreaterThan(0);
    expect(w.failed).toEqual([1]);
  });

  it("replaces an upstream's in-stream error by a sanitized one and blames the channel", async () => {
    const w = world({ scripts: [{ sse: [sse(chunk("a")), sse({ error: { message: "quota of key up-secret-key-123 exceeded" } })] }] });
    const { out } = await run(w, streamChat);
    expect(out).not.toContain("up-secret-key-123");
    expect(out).toContain("quota of key *** exceeded");
    finishedOnce(w, 200, "upstream_error");
    expect(w.failed).toEqual([1]);
  });

  it("a client that goes away before the first byte: 499, nothing charged, the channel not blamed", async () => {
    const w = world({ scripts: [{ hang: true }] });
    const req = input(chat);
    const pending = handleRelay(req.value, chatFormat, w.deps);
    await new Promise((r) => setTimeout(r, 10));
    req.abort();
    const res = await pending;
    await res.finished;
    finishedOnce(w, 499, "client_closed");
    expect(w.settled[0].cost).toBe(0);
    expect(w.failed).toEqual([]);
  });

  it("a client that goes away mid-stream: 499, the partial output charged, the channel counted as healthy", async () => {
    const w = world({ scripts: [{ sse: [sse(chunk("Hello")), sse(chunk(" world"))], breakAfter: 9 }] });
    const req = input(streamChat);
    const res = await handleRelay(req.value, chatFormat, w.deps);
    if (!isBodyStream(res.body)) throw new Error("expected a stream");
    expect(Buffer.from((await res.body.next())!).toString()).toContain("Hello");
    req.abort();
    await res.body.cancel();
    await res.body.cancel();
    expect(await res.body.next()).toBeNull();
    finishedOnce(w, 499, "client_closed");
    expect(w.settled[0].cost).toBeGreaterThan(0);
    expect(w.failed).toEqual([]);
    expect(w.succeeded).toEqual([1]);
  });

  it("a client that goes away while the first chunk is awaited is not a channel failure either", async () => {
    const w = world({ channels: twoChannels, scripts: [{ hangBody: true }] });
    const req = input(streamChat);
    const pending = handleRelay(req.value, chatFormat, w.deps);
    await new Promise((r) => setTimeout(r, 10));
    req.abort();
    await (await pending).finished;
    finishedOnce(w, 499, "client_closed");
    expect(w.calls.filter((c) => c === "upstream")).toHaveLength(1);
    expect(w.failed).toEqual([]);
  });
});
