// Check 8 in the call's lifecycle: counted on entry, headers on every answer, and the slot freed
// (tokens corrected to real usage) on every exit path.
import { describe, expect, it } from "vitest";
import { handleRelay } from "@/lib/gateway/call";
import { chatFormat } from "@/lib/gateway/formats/openai";
import { completion, input, sse, text, chunk, world } from "@/lib/gateway/test-world";

const chat = { model: "m", messages: [{ role: "user", content: "hello there" }], max_tokens: 5 };

async function run(w: ReturnType<typeof world>, req = input(chat)) {
  const res = await handleRelay(req.value, chatFormat, w.deps);
  const out = await text(res);
  await res.finished;
  return { res, out };
}

describe("a call under limits", () => {
  it("answers the x-ratelimit headers and corrects the tokens counted on entry to the real usage", async () => {
    const w = world({ token: { rpmLimit: 10, tpmLimit: 1000, concurrencyLimit: 1 }, scripts: [{ json: completion("hi") }] });
    const { res } = await run(w);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ "x-ratelimit-limit-requests": "10", "x-ratelimit-remaining-requests": "9", "x-ratelimit-limit-tokens": "1000" });
    // Counted on entry: the prompt's bound and the 5 output tokens; settled: 10 + 5 as the upstream reported.
    expect(Number(res.headers["x-ratelimit-remaining-tokens"])).toBeLessThan(1000 - 5);
    expect(w.leases).toEqual([]);
    const after = w.limiter.admit({ key: "t7", id: "probe", limits: { rpm: null, tpm: 1000, concurrency: null }, tokens: 0, now: Date.now() }, 60_000);
    expect(after.tokens?.remaining).toBe(1000 - 15);
  });

  it("takes the group's limits when they are lower, and refuses with Retry-After once they are reached", async () => {
    const w = world({ token: { rpmLimit: 5 }, groupLimits: { rpmLimit: 1 }, scripts: [{ json: completion("hi") }] });
    expect((await run(w)).res.status).toBe(200);
    const { res, out } = await run(w);
    expect(res.status).toBe(429);
    expect(JSON.parse(out).error.code).toBe("rate_limit_exceeded");
    expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(59);
    expect(res.headers["x-ratelimit-remaining-requests"]).toBe("0");
    expect(w.calls.filter((c) => c === "upstream")).toHaveLength(1);
  });

  it("frees the slot after an upstream error, a reservation refused, and a client gone mid-stream", async () => {
    const w = world({ token: { concurrencyLimit: 1 }, scripts: [{ fail: "ECONNREFUSED" }, { fail: "ECONNREFUSED" }, { fail: "ECONNREFUSED" }] });
    expect((await run(w)).res.status).toBe(502);
    expect(w.leases).toEqual([]);

    const poor = world({ token: { concurrencyLimit: 1 }, available: 1 });
    expect((await run(poor)).res.status).toBe(429);
    expect(poor.leases).toEqual([]);

    const s = world({ token: { concurrencyLimit: 1 }, scripts: [{ sse: [sse(chunk("a")), sse(chunk("b"))], breakAfter: 2 }] });
    const req = input({ ...chat, stream: true });
    const res = await handleRelay(req.value, chatFormat, s.deps);
    expect(s.leases).toHaveLength(1);
    req.abort();
    if (typeof res.body === "object" && res.body && "cancel" in res.body) await res.body.cancel();
    await res.finished;
    await new Promise((r) => setImmediate(r));
    expect(s.leases).toEqual([]);
  });
});
