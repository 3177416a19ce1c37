// A channel with several upstream keys: a key refused or rate-limited is set aside and the call
// goes on with the channel's next key; the channel is blamed only when no key is left.
import { describe, expect, it } from "vitest";
import { handleRelay } from "@/lib/gateway/call";
import { chatFormat } from "@/lib/gateway/formats/openai";
import { channel, completion, input, text, world } from "@/lib/gateway/test-world";

const chat = { model: "m", messages: [{ role: "user", content: "hello there" }], max_tokens: 5 };
const pooled = channel({ apiKey: "key-one-0001", apiKeys: ["key-one-0001", "key-two-0002", "key-three-0003"] });
const refused = { json: { error: { message: "Incorrect API key provided" } }, status: 401 } as const;

async function run(w: ReturnType<typeof world>) {
  const res = await handleRelay(input(chat).value, chatFormat, w.deps);
  await text(res);
  await res.finished;
  return res;
}

const keysSent = (w: ReturnType<typeof world>) => w.upstreamRequests.map((r) => r.headers.authorization);

describe("a channel with several keys", () => {
  it("uses its keys in turn", async () => {
    const w = world({ channels: [pooled], scripts: [1, 2, 3, 4].map(() => ({ json: completion("ok") })) });
    for (let i = 0; i < 4; i++) await run(w);
    expect(keysSent(w)).toEqual(["Bearer key-one-0001", "Bearer key-two-0002", "Bearer key-three-0003", "Bearer key-one-0001"]);
  });

  it("sets a refused key aside and answers with the next key; the channel is not blamed", async () => {
    const w = world({ channels: [pooled], scripts: [refused, { json: completion("ok") }, { json: completion("ok") }, { json: completion("ok") }] });
    const res = await run(w);
    expect(res.status).toBe(200);
    expect(w.failed).toEqual([]);
    expect(w.succeeded).toEqual([1]);
    expect(w.usage[0].attempts).toEqual([
      { channelId: 1, status: 401, error: "HTTP 401 (key set aside)", ms: expect.any(Number) },
      { channelId: 1, status: 200, error: null, ms: expect.any(Number) },
    ]);
    await run(w);
    await run(w);
    // The refused key is left out of the turns that follow.
    expect(keysSent(w)).toEqual(["Bearer key-one-0001", "Bearer key-two-0002", "Bearer key-three-0003", "Bearer key-two-0002"]);
    expect(w.deps.keys.states(1, pooled.apiKeys).map((s) => s.state)).toEqual(["cooling_down", "ok", "ok"]);
  });

  it("a rate-limited key is set aside too; when every key is refused, the channel is blamed and the call fails over", async () => {
    const two = channel({ apiKey: "key-one-0001", apiKeys: ["key-one-0001", "key-two-0002"] });
    const other = channel({ id: 2, name: "c2", priority: -1, apiKey: "other-key-0009", apiKeys: ["other-key-0009"] });
    const w = world({ channels: [two, other], scripts: [{ json: { error: { message: "slow" } }, status: 429 }, refused, { json: completion("ok") }] });
    const res = await run(w);
    expect(res.status).toBe(200);
    expect(keysSent(w)).toEqual(["Bearer key-one-0001", "Bearer key-two-0002", "Bearer other-key-0009"]);
    expect(w.failed).toEqual([1]);
    expect(w.succeeded).toEqual([2]);
    expect(w.usage[0].attempts.map((a) => [a.channelId, a.status])).toEqual([[1, 429], [1, 401], [2, 200]]);
  });
});
