import { afterAll, beforeAll, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { startApp, type RunningApp } from "../support/app";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner, rawV1 } from "../support/relay-fixture";

let app: RunningApp;
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
  app = await startApp({ env: { CHANNEL_FAILURE_THRESHOLD: "2", CHANNEL_PROBE_INTERVAL_MS: "1000" } });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await mock?.close();
});

it("an auto-disabled channel stays out while its upstream fails, and the probe brings it back when it recovers", async () => {
  const admin = adminOf(app);
  await ensureModels(admin);
  const { id } = await addChannel(admin, mock.url);
  const t = await newTokenOwner(app, admin);
  const body = JSON.stringify({ model: CHAT_MODEL, messages: [{ role: "user", content: "hi" }] });
  const status = async () => (await admin.get(`/api/admin/channels/${id}`)).body.status;

  mock.setFault({ type: "status", status: 500 });
  for (let i = 0; i < 2; i++) expect((await rawV1(app, "/chat/completions", { key: t.key, body })).status).toBe(502);
  await expect.poll(status).toBe("auto_disabled");
  // Probes keep failing while the upstream does.
  await new Promise((r) => setTimeout(r, 2_500));
  expect(await status()).toBe("auto_disabled");
  expect(mock.requests.some((r) => r.path === "/v1/models")).toBe(true);

  mock.setFault(null);
  await expect.poll(status, { timeout: 10_000 }).toBe("active");
  expect((await rawV1(app, "/chat/completions", { key: t.key, body })).status).toBe(200);
});
