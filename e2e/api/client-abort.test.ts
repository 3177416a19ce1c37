// Regression: clients that hang up (a chat UI's "stop", a load generator closing its connections)
// were counted as failures of the upstream channel and disabled a healthy one.
import { connect } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { MockUpstream } from "../mock-upstream/server";
import type { RunningApp } from "../support/app";
import type { ApiClient } from "../support/api-client";
import { CHAT_MODEL, newTokenOwner, rawV1, startRelay, type Relay } from "../support/relay-fixture";

let relay: Relay;
let app: RunningApp;
let mock: MockUpstream;
let admin: ApiClient;
let channelId: number;

beforeAll(async () => {
  relay = await startRelay({ env: { CHANNEL_FAILURE_THRESHOLD: "2" } });
  ({ app, mock, admin, channelId } = relay);
}, 120_000);

afterAll(async () => {
  await relay?.stop();
});

const body = (stream: boolean) => JSON.stringify({ model: CHAT_MODEL, stream, messages: [{ role: "user", content: "tell me a long story" }] });

/** Sends a request on a raw socket and destroys the socket after `ms`, as a load generator does at the end of a run. */
function hangUp(key: string, stream: boolean, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const payload = body(stream);
    const socket = connect(Number(new URL(app.url).port), "127.0.0.1", () => {
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
      );
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, ms);
    });
    socket.on("error", () => resolve());
  });
}

it("client hang-ups before and after the first byte never disable a channel, and are recorded as 499 client_closed", async () => {
  const t = await newTokenOwner(app, admin);
  // Before the first byte: the upstream is slow to answer.
  mock.setFault({ type: "delay", ms: 500 });
  await Promise.all(Array.from({ length: 6 }, () => hangUp(t.key, false, 100)));
  await Promise.all(Array.from({ length: 6 }, async () => {
    const controller = new AbortController();
    const pending = fetch(`${app.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.key}`, "content-type": "application/json" },
      body: body(false),
      signal: controller.signal,
    }).catch(() => null);
    setTimeout(() => controller.abort(), 100);
    await pending;
  }));
  // After the first byte: the stream is cut while chunks are still coming.
  mock.setFault({ type: "slow_stream", chunkDelayMs: 200 });
  await Promise.all(Array.from({ length: 6 }, () => hangUp(t.key, true, 300)));
  mock.setFault(null);

  // Usage records arrive in batches; wait until all 18 calls are written.
  let records: { status: number; errorCode: string | null }[] = [];
  for (let i = 0; i < 50 && records.length < 18; i++) {
    await new Promise((r) => setTimeout(r, 200));
    records = (await admin.get(`/api/usage?tokenId=${t.tokenId}&userId=${t.userId}&limit=100`)).body.data;
  }
  expect(records).toHaveLength(18);
  for (const r of records) expect(r).toMatchObject({ status: 499 });

  const channel = (await admin.get(`/api/admin/channels/${channelId}`)).body;
  expect(channel).toMatchObject({ status: "active", consecutiveFailures: 0, totalFailures: 0 });
  const after = await rawV1(app, "/chat/completions", { key: t.key, body: body(false) });
  expect(after.status).toBe(200);
});
