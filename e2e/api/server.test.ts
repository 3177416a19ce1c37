import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { SERVER_ENTRY, startApp, type RunningApp } from "../support/app";
import { apiClient } from "../support/api-client";
import { login } from "../support/session";
import { CHAT_MODEL, addChannel, adminOf, ensureModels, newTokenOwner } from "../support/relay-fixture";

const root = path.resolve(import.meta.dirname, "../..");

describe("start-up", () => {
  it("a bad variable stops start-up with a message naming it", () => {
    const res = spawnSync(process.execPath, [SERVER_ENTRY], {
      cwd: root,
      env: { ...process.env, PORT: "not-a-port", DATA_DIR: "/tmp/never-used" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("PORT");
  });

  it("sends the first visit to setup while no user exists; ADMIN_EMAIL/ADMIN_PASSWORD create the admin", async () => {
    const fresh = await startApp();
    try {
      const res = await fetch(`${fresh.url}/`, { redirect: "manual" });
      expect(res.status).toBe(307);
      expect(res.headers.get("location")).toMatch(/\/setup$/);
    } finally {
      await fresh.stop();
    }
    const seeded = await startApp({ env: { ADMIN_EMAIL: "boss@example.com", ADMIN_PASSWORD: "boss password 1" } });
    try {
      const cookie = await login(seeded, "boss@example.com", "boss password 1");
      const me = await apiClient(seeded, { cookie }).get("/api/admin/users");
      expect(me.status).toBe(200);
      expect(me.body.data[0]).toMatchObject({ email: "boss@example.com", role: "admin" });
      expect(JSON.stringify(me.body)).not.toMatch(/passwordHash|argon2/);
      const res = await fetch(`${seeded.url}/`, { redirect: "manual" });
      expect(res.headers.get("location")).toMatch(/\/login$/);
    } finally {
      await seeded.stop();
    }
  }, 120_000);
});

describe("the management API's authentication", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  }, 120_000);
  afterAll(() => app?.stop());

  it("ADMIN_API_KEY acts as root; anything else is 401 in the contract's envelope", async () => {
    const ok = await fetch(`${app.url}/api/admin/users`, { headers: { authorization: `Bearer ${app.adminApiKey}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-request-id")).toBeTruthy();
    expect(await ok.json()).toEqual({ data: [] });
    for (const headers of [{}, { authorization: "Bearer wrong" }, { authorization: `Bearer ${app.adminApiKey}x` }] as Record<string, string>[]) {
      const res = await fetch(`${app.url}/api/admin/users`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { message: expect.any(String), type: "authentication_error", param: null, code: "unauthorized" } });
    }
  });
});

describe("sign-in throttling", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  }, 120_000);
  afterAll(() => app?.stop());

  it("after 10 failed attempts in a minute an account refuses even the right password; others are unaffected", async () => {
    const admin = apiClient(app, { bearer: app.adminApiKey });
    for (const email of ["victim@example.com", "bystander@example.com"]) {
      expect((await admin.post("/api/admin/users", { email, password: "the right one" })).status).toBe(201);
    }
    for (let i = 0; i < 10; i++) await expect(login(app, "victim@example.com", `guess ${i}`)).rejects.toThrow();
    await expect(login(app, "victim@example.com", "the right one")).rejects.toThrow();
    await expect(login(app, "bystander@example.com", "the right one")).resolves.toContain("session-token");
  });
});

describe("graceful shutdown", () => {
  let mock: MockUpstream;
  beforeAll(async () => {
    mock = await startMockUpstream();
  });
  afterAll(() => mock?.close());

  it("on SIGTERM finishes the stream in flight, writes its usage, and exits 0", async () => {
    const app = await startApp();
    const admin = adminOf(app);
    await ensureModels(admin);
    await addChannel(admin, mock.url);
    const t = await newTokenOwner(app, admin);
    mock.setFault({ type: "slow_stream", chunkDelayMs: 200 });
    const res = await fetch(`${app.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: CHAT_MODEL, messages: [{ role: "user", content: "finish me please" }], stream: true }),
    });
    const requestId = res.headers.get("x-request-id")!;
    app.process.kill("SIGTERM");
    const text = await res.text();
    expect(text).toContain("data: [DONE]");
    const code = await app.stop({ keepDatabase: true });
    expect(code).toBe(0);
    // The usage record queued at the end of the stream was flushed before exit.
    const again = await startApp({ db: app.db, env: { ADMIN_API_KEY: app.adminApiKey } });
    try {
      const usage = await adminOf(again).get(`/api/usage?userId=all`);
      expect(usage.body.data.map((r: { requestId: string }) => r.requestId)).toContain(requestId);
    } finally {
      await again.stop();
    }
  }, 120_000);
});
