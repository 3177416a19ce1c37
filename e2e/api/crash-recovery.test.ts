// A call is paid even when its instance or the database fails mid-call: a killed instance's stream
// is charged from its last checkpoint; settlements the database could not take are journaled and
// replayed exactly once when it is back.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { startApp } from "../support/app";
import { PG_ADMIN_URL, testProvider } from "../support/test-db";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner } from "../support/relay-fixture";

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await mock?.close();
});

const streamBody = JSON.stringify({
  model: CHAT_MODEL,
  stream: true,
  messages: [{ role: "user", content: Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ") }],
});

/** Starts a stream and reads it until `ms` have passed; answers the reader (the stream stays open). */
async function readFor(url: string, key: string, ms: number) {
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: streamBody,
  });
  const reader = res.body!.getReader();
  const until = Date.now() + ms;
  let chunks = 0;
  while (Date.now() < until) {
    const { done } = await reader.read();
    if (done) break;
    chunks++;
  }
  return { reader, chunks, requestId: res.headers.get("x-request-id")! };
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 40_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

it("kill -9 during a stream: the call is charged from its last checkpoint and recorded", async () => {
  const env = { CHECKPOINT_INTERVAL_MS: "300", HOLD_TTL_SECONDS: "10" };
  const first = await startApp({ env });
  const admin = adminOf(first);
  await ensureModels(admin);
  await addChannel(admin, mock.url);
  const t = await newTokenOwner(first, admin);
  // About 17 chunks, 400 ms apart: killed after 1.5 s, well before the stream would end.
  mock.setFault({ type: "slow_stream", chunkDelayMs: 400, times: 1 });
  const { chunks, requestId } = await readFor(first.url, t.key, 1_500);
  expect(chunks).toBeGreaterThan(2);
  first.process.kill("SIGKILL");
  await first.stop({ keepDatabase: true });
  mock.setFault(null);

  const second = await startApp({ db: first.db, env });
  try {
    const admin2 = adminOf(second);
    const record = await waitFor("the reconciler's record", async () => {
      const data = (await admin2.get(`/api/usage?tokenId=${t.tokenId}&userId=${t.userId}`)).body.data;
      return data.find((r: { requestId: string }) => r.requestId === requestId);
    });
    expect(record, JSON.stringify(record)).toMatchObject({ estimated: true, status: 500 });
    expect(record.completionTokens).toBeGreaterThan(0);
    expect(record.cost).toBeGreaterThan(0);
    const token = (await admin2.get(`/api/tokens/${t.tokenId}`)).body;
    expect(token.usedQuota).toBe(record.cost);
  } finally {
    await second.stop();
  }
}, 90_000);

describe.runIf(testProvider() === "postgresql")("the database unreachable mid-stream", () => {
  it("journals the settlement and replays it exactly once when the database is back", async () => {
    const app = await startApp();
    const name = new URL(app.db.url).pathname.slice(1);
    const adminDb = new pg.Client({ connectionString: PG_ADMIN_URL });
    await adminDb.connect();
    try {
      const admin = adminOf(app);
      await ensureModels(admin);
      await addChannel(admin, mock.url);
      const t = await newTokenOwner(app, admin);
      mock.setFault({ type: "slow_stream", chunkDelayMs: 100, times: 1 });
      const { reader, requestId } = await readFor(app.url, t.key, 500);
      // Cut the database off while the stream runs.
      await adminDb.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await adminDb.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
      while (!(await reader.read()).done);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(app.logs()).toContain("database unreachable");
      await adminDb.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);

      const record = await waitFor("the replayed record", async () => {
        const res = await admin.get(`/api/usage?tokenId=${t.tokenId}&userId=${t.userId}`);
        return res.status === 200 && res.body.data.find((r: { requestId: string }) => r.requestId === requestId);
      });
      expect(record.cost).toBeGreaterThan(0);
      // Replays are repeated on purpose by nothing, but must be harmless: wait and check again.
      await new Promise((r) => setTimeout(r, 3_000));
      const token = (await admin.get(`/api/tokens/${t.tokenId}`)).body;
      expect(token.usedQuota).toBe(record.cost);
      const records = (await admin.get(`/api/usage?tokenId=${t.tokenId}&userId=${t.userId}`)).body.data;
      expect(records.filter((r: { requestId: string }) => r.requestId === requestId)).toHaveLength(1);
      expect(app.logs()).toContain("database reachable again");
    } finally {
      await adminDb.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`).catch(() => {});
      await adminDb.end();
      mock.setFault(null);
      await app.stop();
    }
  }, 90_000);
});
