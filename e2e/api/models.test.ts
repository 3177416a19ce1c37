import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LIST_PRICES } from "@/lib/billing/catalog";
import { apiClient, newUser, type ApiClient } from "../support/api-client";
import { startApp, type RunningApp } from "../support/app";
import { appDb, disconnectDb } from "../support/db";

let app: RunningApp;
let admin: ApiClient;

beforeAll(async () => {
  app = await startApp();
  admin = apiClient(app, { bearer: app.adminApiKey });
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await app?.stop();
});

describe("the default catalog", () => {
  test("a fresh install prices current OpenAI, Anthropic and Google models", async () => {
    const res = await admin.get("/api/admin/models");
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.data.map((m: { name: string }) => [m.name, m]));
    expect(res.body.data).toHaveLength(LIST_PRICES.length);
    // $2.50 in, $10 out, $1.25 cached; ratio 1 = $2 per 1M input tokens.
    expect(byName["gpt-4o"]).toMatchObject({ modelRatio: 1.25, completionRatio: 4, cacheRatio: 0.5, fixedPrice: null, enabled: true });
    expect(byName["gpt-4o-mini"]).toMatchObject({ modelRatio: 0.075, completionRatio: 4, cacheRatio: 0.5 });
    expect(byName["claude-sonnet-4-5"]).toMatchObject({ modelRatio: 1.5, completionRatio: 5, cacheRatio: 0.1 });
    expect(byName["gemini-2.0-flash"]).toMatchObject({ modelRatio: 0.05, completionRatio: 4 });
    expect(byName["text-embedding-3-small"]).toMatchObject({ modelRatio: 0.01, completionRatio: 1 });
    for (const m of res.body.data) expect(m.maxOutputTokens).toBeGreaterThanOrEqual(1);
  });

  test("a deleted catalog model stays deleted after a restart", async () => {
    expect((await admin.delete("/api/admin/models/gpt-4o-mini")).status).toBe(204);
    await app.stop({ keepDatabase: true });
    app = await startApp({ db: app.db });
    admin = apiClient(app, { bearer: app.adminApiKey });
    expect((await admin.get("/api/admin/models/gpt-4o-mini")).status).toBe(404);
    expect((await admin.get("/api/admin/models/gpt-4o")).status).toBe(200);
  }, 120_000);
});

describe("admin model CRUD", () => {
  test("create with defaults, read, change and delete", async () => {
    const created = await admin.post("/api/admin/models", { name: "my-model", modelRatio: 0.5 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "my-model", modelRatio: 0.5, completionRatio: 1, cacheRatio: 1, fixedPrice: null, maxOutputTokens: 4096, enabled: true,
    });
    expect((await admin.get("/api/admin/models/my-model")).body).toEqual(created.body);
    const changed = await admin.patch("/api/admin/models/my-model", { fixedPrice: 0.04, enabled: false, maxOutputTokens: 100 });
    expect(changed.body).toMatchObject({ fixedPrice: 0.04, enabled: false, maxOutputTokens: 100, modelRatio: 0.5 });
    expect((await admin.patch("/api/admin/models/my-model", { fixedPrice: null })).body.fixedPrice).toBeNull();
    expect((await admin.delete("/api/admin/models/my-model")).status).toBe(204);
    expect((await admin.get("/api/admin/models/my-model")).status).toBe(404);
  });

  test("model names with slashes work in the path", async () => {
    const name = "meta-llama/Llama-3.1-8B-Instruct";
    expect((await admin.post("/api/admin/models", { name, modelRatio: 0.1 })).status).toBe(201);
    expect((await admin.get(`/api/admin/models/${name}`)).body.name).toBe(name);
    expect((await admin.patch(`/api/admin/models/${encodeURIComponent(name)}`, { cacheRatio: 0.25 })).body.cacheRatio).toBe(0.25);
    expect((await admin.delete(`/api/admin/models/${name}`)).status).toBe(204);
  });

  test("invalid models are refused with 400, duplicates with 409, renames with 400", async () => {
    for (const body of [
      { name: "x", modelRatio: -0.1 },
      { name: "x" },
      { name: "x", modelRatio: 1, completionRatio: -1 },
      { name: "x", modelRatio: 1, cacheRatio: -1 },
      { name: "x", modelRatio: 1, fixedPrice: -1 },
      { name: "x", modelRatio: 1, maxOutputTokens: 0 },
      { name: "x", modelRatio: 1, maxOutputTokens: 1.5 },
      { name: "x", modelRatio: 1, enabled: "yes" },
      { name: "x", modelRatio: 1, price: 3 },
      { name: "has space", modelRatio: 1 },
      { name: "", modelRatio: 1 },
    ]) {
      const res = await admin.post("/api/admin/models", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await appDb(app).modelPrice.count({ where: { name: "x" } })).toBe(0);
    const dup = await admin.post("/api/admin/models", { name: "gpt-4o", modelRatio: 9 });
    expect(dup.status).toBe(409);
    expect((await admin.get("/api/admin/models/gpt-4o")).body.modelRatio).toBe(1.25);
    expect((await admin.patch("/api/admin/models/gpt-4o", { name: "gpt-4o-2" })).status).toBe(400);
    expect((await admin.patch("/api/admin/models/gpt-4o", { modelRatio: -1 })).status).toBe(400);
    expect((await admin.patch("/api/admin/models/nope", { modelRatio: 1 })).status).toBe(404);
  });
});

describe("GET /api/models", () => {
  test("lists the enabled models an active channel serves for the caller's group, with effective rates", async () => {
    await admin.post("/api/admin/groups", { name: "cheap", ratio: 0.5, selectable: true });
    await admin.post("/api/admin/groups", { name: "secret", ratio: 0.1 });
    await admin.post("/api/admin/models", { name: "per-call", modelRatio: 1, fixedPrice: 0.02 });
    await admin.post("/api/admin/models", { name: "off", modelRatio: 1, enabled: false });
    const ch = (body: object) =>
      admin.post("/api/admin/channels", { baseUrl: "https://up.example.com/v1", apiKey: "sk-upstream-0000", ...body });
    expect((await ch({ name: "a", models: ["gpt-4o", "per-call", "off", "unpriced"], groups: ["default", "cheap"] })).status).toBe(201);
    expect((await ch({ name: "b", models: ["claude-sonnet-4-5"], groups: ["cheap"] })).status).toBe(201);
    expect((await ch({ name: "c", models: ["gemini-2.5-pro"], groups: ["default"], status: "disabled" })).status).toBe(201);

    const user = await newUser(app, admin);
    const mine = await user.client.get("/api/models");
    expect(mine.status).toBe(200);
    expect(mine.body.group).toEqual({ name: "default", ratio: 1 });
    expect(mine.body.data.map((m: { name: string }) => m.name)).toEqual(["gpt-4o", "per-call"]);
    expect(mine.body.data[0]).toMatchObject({
      name: "gpt-4o",
      modelRatio: 1.25,
      completionRatio: 4,
      cacheRatio: 0.5,
      rates: {
        kind: "tokens",
        inputCreditsPer1M: 1_250_000,
        cachedInputCreditsPer1M: 625_000,
        outputCreditsPer1M: 5_000_000,
        inputUsdPer1M: 2.5,
        cachedInputUsdPer1M: 1.25,
        outputUsdPer1M: 10,
      },
    });
    expect(mine.body.data[1].rates).toEqual({ kind: "fixed", creditsPerCall: 10_000, usdPerCall: 0.02 });

    const cheap = await user.client.get("/api/models?group=cheap");
    expect(cheap.status).toBe(200);
    expect(cheap.body.data.map((m: { name: string }) => m.name)).toEqual(["claude-sonnet-4-5", "gpt-4o", "per-call"]);
    expect(cheap.body.data[1].rates).toMatchObject({ inputUsdPer1M: 1.25, outputUsdPer1M: 5 });

    expect((await user.client.get("/api/models?group=secret")).status).toBe(400);
    expect((await user.client.get("/api/models?group=ghost")).status).toBe(400);
    expect((await user.client.get("/api/models?foo=1")).status).toBe(400);
    expect((await admin.get("/api/models?group=secret")).status).toBe(200);
  });
});
