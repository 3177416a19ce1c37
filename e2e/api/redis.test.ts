import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../support/app";
import { CHAT_MODEL, adminOf, newTokenOwner, rawV1, startRelayPair } from "../support/relay-fixture";

const body = JSON.stringify({ model: CHAT_MODEL, messages: [{ role: "user", content: "hi" }] });

let a: RunningApp;
let b: RunningApp;
let pair: Awaited<ReturnType<typeof startRelayPair>>;

beforeAll(async () => {
  ({ a, b } = pair = await startRelayPair({ RATE_LIMIT_RPM: "3" }));
}, 120_000);
afterAll(() => pair?.stop());

describe("two instances sharing Redis", () => {
  it("share one rate limit per token: the 4th request in a minute gets 429 with Retry-After", async () => {
    const t = await newTokenOwner(a, adminOf(a));
    // Requests count for the minute after they come (a sliding window): four in a row share it.
    const answers = [];
    for (const app of [a, b, a, b]) answers.push(await rawV1(app, "/chat/completions", { key: t.key, body }));
    expect(answers.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers[3].status).toBe(429);
    expect(answers[3].body.error.code).toBe("rate_limit_exceeded");
    expect(Number(answers[3].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("a token disabled on one instance is refused by the other at once, not after its cache expires", async () => {
    const t = await newTokenOwner(a, adminOf(a));
    expect((await rawV1(b, "/chat/completions", { key: t.key, body })).status).toBe(200); // cached on b
    await adminOf(a).patch(`/api/tokens/${t.tokenId}`, { status: "disabled" });
    const started = Date.now();
    await expect
      .poll(async () => (await rawV1(b, "/chat/completions", { key: t.key, body })).status, { timeout: 3_000, interval: 50 })
      .toBe(401);
    // Well within the 10 s cache lifetime that applies without Redis.
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
