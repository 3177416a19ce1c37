// Upstream keys: sealed at rest (a plain-text install is sealed on start, a rotated key re-seals),
// and a channel with several keys serves on the others when one is revoked.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { registerSecret, startApp, type RunningApp } from "../support/app";
import { appDb, disconnectDb } from "../support/db";
import { createTestDatabase } from "../support/test-db";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner, openaiFor } from "../support/relay-fixture";

const KEYS = ["upstream-key-AAAA-0001", "upstream-key-BBBB-0002", "upstream-key-CCCC-0003"];
const OLD_KEY = "plain-upstream-key-from-before-1234";
KEYS.forEach(registerSecret);
registerSecret(OLD_KEY);

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [...KEYS, OLD_KEY] });
});

afterAll(async () => {
  await disconnectDb();
  await mock?.close();
});

const ask = (app: RunningApp, key: string) =>
  openaiFor(app, key).chat.completions.create({ model: CHAT_MODEL, messages: [{ role: "user", content: "hi" }] });

describe("a channel with several keys", () => {
  let app: RunningApp;
  let key: string;
  let channelId: number;

  beforeAll(async () => {
    app = await startApp({ env: { METRICS_TOKEN: "metrics-token-for-keys-test-0001" } });
    const admin = adminOf(app);
    await ensureModels(admin);
    ({ id: channelId } = await addChannel(admin, mock.url, { apiKey: undefined, apiKeys: KEYS }));
    ({ key } = await newTokenOwner(app, admin));
  }, 120_000);

  afterAll(async () => {
    mock.setKeys([...KEYS, OLD_KEY]);
    await app?.stop();
  });

  it("uses its keys in turn, and shows them masked and never whole", async () => {
    mock.reset();
    for (let i = 0; i < 6; i++) await ask(app, key);
    const used = mock.requests.map((r) => r.headers.authorization);
    expect(new Set(used)).toEqual(new Set(KEYS.map((k) => `Bearer ${k}`)));
    expect(used.filter((u) => u === `Bearer ${KEYS[0]}`)).toHaveLength(2);
    const res = await adminOf(app).get(`/api/admin/channels/${channelId}`);
    expect(res.body.keys).toEqual([
      { index: 0, preview: "ups…0001", state: "ok", until: null, lastStatus: null },
      { index: 1, preview: "ups…0002", state: "ok", until: null, lastStatus: null },
      { index: 2, preview: "ups…0003", state: "ok", until: null, lastStatus: null },
    ]);
    expect(JSON.stringify(res.body)).not.toContain("AAAA");
  });

  it("keeps serving on the other keys when one is revoked upstream; the channel is not at fault", async () => {
    mock.setKeys([KEYS[0], KEYS[2]]);
    mock.reset();
    for (let i = 0; i < 6; i++) {
      const answer = await ask(app, key);
      expect(answer.choices[0].message.content).toBe("Hello from mock: hi");
    }
    // The revoked key was tried once, then set aside.
    const refused = mock.requests.filter((r) => r.headers.authorization === `Bearer ${KEYS[1]}`);
    expect(refused).toHaveLength(1);
    const admin = adminOf(app);
    const channel = (await admin.get(`/api/admin/channels/${channelId}`)).body;
    expect(channel).toMatchObject({ status: "active", consecutiveFailures: 0 });
    expect(channel.keys[1]).toMatchObject({ index: 1, state: "cooling_down", lastStatus: 401 });
    expect(channel.keys[0].state).toBe("ok");
    const metrics = await (await fetch(`${app.url}/metrics`, { headers: { authorization: "Bearer metrics-token-for-keys-test-0001" } })).text();
    expect(metrics).toMatch(new RegExp(`gateway_channel_keys_cooling_down\\{channel="${channelId}"[^}]*\\} 1`));

    // The call that met the revoked key shows both of its attempts on the one channel.
    const records = (await admin.get(`/api/usage?userId=all&limit=20`)).body.data;
    const retried = records.find((r: { attempts: unknown[] }) => r.attempts.length === 2);
    expect(retried.attempts).toEqual([
      { channelId, status: 401, error: "HTTP 401 (key set aside)", ms: expect.any(Number) },
      { channelId, status: 200, error: null, ms: expect.any(Number) },
    ]);
  });

  it("tests one key from the dashboard's API; a key that answers again is back in service", async () => {
    const admin = adminOf(app);
    const bad = await admin.post(`/api/admin/channels/${channelId}/test?key=1`);
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ ok: false, status: 401, key: { index: 1, preview: "ups…0002" } });
    expect(bad.body.error).not.toContain("BBBB");
    mock.setKeys(KEYS);
    const good = await admin.post(`/api/admin/channels/${channelId}/test?key=1`);
    expect(good.body).toMatchObject({ ok: true, key: { index: 1 } });
    expect((await admin.get(`/api/admin/channels/${channelId}`)).body.keys[1].state).toBe("ok");
    expect((await admin.post(`/api/admin/channels/${channelId}/test?key=3`)).status).toBe(400);
  });

  it("a single key revoked everywhere still fails the call over as before", async () => {
    mock.setKeys([]);
    await expect(ask(app, key)).rejects.toMatchObject({ status: 502 });
    mock.setKeys([...KEYS, OLD_KEY]);
  });
});

describe("keys at rest", () => {
  it("are sealed when channels are created and edited, and a plain-text install is sealed on start", async () => {
    const db = await createTestDatabase();
    const first = await startApp({ db });
    const admin = adminOf(first);
    await ensureModels(admin);
    const { id } = await addChannel(admin, mock.url, { apiKey: KEYS[0] });
    await admin.patch(`/api/admin/channels/${id}`, { apiKeys: [KEYS[1], KEYS[2]] });
    const { key } = await newTokenOwner(first, admin);
    const rows = async () => (await appDb(first).channel.findMany({ select: { apiKey: true } })).map((r) => r.apiKey).join("\n");
    expect(await rows()).toMatch(/^enc:v1:/);
    for (const k of KEYS) expect(await rows()).not.toContain(k);

    // As an install from before encryption left it: the key in plain text.
    await appDb(first).channel.update({ where: { id }, data: { apiKey: OLD_KEY } });
    await disconnectDb();
    await first.stop({ keepDatabase: true });

    const second = await startApp({ db });
    expect(await rows()).toMatch(/^enc:v1:/);
    expect(await rows()).not.toContain(OLD_KEY);
    mock.reset();
    await ask(second, key);
    expect(mock.requests.at(-1)!.headers.authorization).toBe(`Bearer ${OLD_KEY}`);
    await disconnectDb();
    await second.stop({ keepDatabase: true });

    // Rotation: the new key with the old one as ENCRYPTION_KEY_PREVIOUS re-seals on start...
    const rotated = "a-brand-new-encryption-key-0123456789abcdef";
    const third = await startApp({ db, env: { ENCRYPTION_KEY: rotated, ENCRYPTION_KEY_PREVIOUS: second.encryptionKey } });
    const resealed = await rows();
    await disconnectDb();
    await third.stop({ keepDatabase: true });
    // ...after which the new key alone opens them.
    const fourth = await startApp({ db, env: { ENCRYPTION_KEY: rotated } });
    expect(await rows()).toBe(resealed);
    mock.reset();
    await ask(fourth, key);
    expect(mock.requests.at(-1)!.headers.authorization).toBe(`Bearer ${OLD_KEY}`);
    await disconnectDb();
    await fourth.stop();
  }, 180_000);

  it("without ENCRYPTION_KEY, one is generated once into the data folder (mode 0600)", async () => {
    const app = await startApp({ env: { ENCRYPTION_KEY: "" } });
    const file = path.join(app.dataDir, "encryption-key");
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim().length).toBeGreaterThanOrEqual(32);
    const admin = adminOf(app);
    await ensureModels(admin);
    await addChannel(admin, mock.url, { apiKey: KEYS[2] });
    const { key } = await newTokenOwner(app, admin);
    await ask(app, key);
    await app.stop();
  }, 120_000);
});
