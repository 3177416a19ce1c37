import { expect, test } from "vitest";
import { type ApiClient, useAdminApp } from "../support/api-client";
import type { RunningApp } from "../support/app";
import { appDb } from "../support/db";

let app: RunningApp;
let admin: ApiClient;
const UPSTREAM_KEY = "sk-proj-UPSTREAMSECRETabcd1234";

const CHANNEL_FIELDS = [
  "apiKeyPreview", "apiVersion", "baseUrl", "consecutiveFailures", "createdAt", "groups", "headers", "id", "keys", "lastError", "lastFailureAt",
  "lastSuccessAt", "modelMapping", "models", "name", "priority", "status", "totalFailures", "type", "updatedAt", "weight",
].sort();

const valid = {
  name: "openai",
  type: "openai",
  baseUrl: "https://api.openai.com/v1/",
  apiKey: UPSTREAM_KEY,
  models: ["gpt-4o", "gpt-4o-mini", "gpt-4o"],
};

useAdminApp((a, client) => ((app = a), (admin = client)));

test("create with defaults; the upstream key is write-only and shown masked", async () => {
  const res = await admin.post("/api/admin/channels", valid);
  expect(res.status).toBe(201);
  expect(Object.keys(res.body).sort()).toEqual(CHANNEL_FIELDS);
  expect(res.body).toMatchObject({
    name: "openai",
    type: "openai",
    baseUrl: "https://api.openai.com/v1",
    apiKeyPreview: "sk-…1234",
    models: ["gpt-4o", "gpt-4o-mini"],
    modelMapping: {},
    groups: ["default"],
    priority: 0,
    weight: 1,
    status: "active",
    consecutiveFailures: 0,
    totalFailures: 0,
    lastError: null,
    lastFailureAt: null,
    lastSuccessAt: null,
  });
  const stored = await appDb(app).channel.findUniqueOrThrow({ where: { id: res.body.id } });
  // sealed at rest (AES-256-GCM), never the key itself
  expect(stored.apiKey).toMatch(/^enc:v1:/);
  expect(stored.apiKey).not.toContain("UPSTREAMSECRET");
  expect(res.body.keys).toEqual([{ index: 0, preview: "sk-…1234", state: "ok", until: null, lastStatus: null }]);

  const answers = [
    res,
    await admin.get("/api/admin/channels"),
    await admin.get(`/api/admin/channels/${res.body.id}`),
    await admin.patch(`/api/admin/channels/${res.body.id}`, { priority: 5 }),
  ];
  for (const a of answers) {
    expect(a.status).toBe(a === res ? 201 : 200);
    const text = JSON.stringify(a.body);
    expect(text).not.toContain("UPSTREAMSECRET");
    expect(text).not.toContain('"apiKey"');
  }
});

test("every setting is stored and can be changed; a new apiKey replaces the old one", async () => {
  await admin.post("/api/admin/groups", { name: "vip", ratio: 2 });
  const res = await admin.post("/api/admin/channels", {
    ...valid,
    name: "azure-ish",
    baseUrl: "http://10.0.0.5:8080/openai/v1",
    modelMapping: { "gpt-4o": "gpt-4o-2024-08-06" },
    groups: ["vip", "default"],
    priority: -3,
    weight: 0,
    status: "disabled",
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    baseUrl: "http://10.0.0.5:8080/openai/v1",
    modelMapping: { "gpt-4o": "gpt-4o-2024-08-06" },
    groups: ["vip", "default"],
    priority: -3,
    weight: 0,
    status: "disabled",
  });
  const changed = await admin.patch(`/api/admin/channels/${res.body.id}`, {
    apiKey: "sk-another-key-9876",
    models: ["o3"],
    modelMapping: {},
    weight: 7,
  });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ apiKeyPreview: "sk-…9876", models: ["o3"], modelMapping: {}, weight: 7, groups: ["vip", "default"] });
  const sealed = (await appDb(app).channel.findUniqueOrThrow({ where: { id: res.body.id } })).apiKey;
  expect(sealed).toMatch(/^enc:v1:/);
  expect(sealed).not.toContain("another-key");
});

test("invalid channels are refused with 400 and nothing is written", async () => {
  const before = await appDb(app).channel.count();
  for (const body of [
    { ...valid, type: "bedrock" },
    { ...valid, type: "azure", apiVersion: "yesterday" },
    { ...valid, headers: { authorization: "Bearer x" } },
    { ...valid, headers: { "x-ok": "line\nbreak" } },
    { ...valid, headers: { "bad header": "x" } },
    { ...valid, baseUrl: "ftp://example.com" },
    { ...valid, baseUrl: "not a url" },
    { ...valid, baseUrl: "https://example.com/v1?x=1" },
    { ...valid, apiKey: "" },
    { ...valid, apiKey: undefined },
    { ...valid, apiKey: undefined, apiKeys: [] },
    { ...valid, apiKeys: ["sk-one-more-key-0001"] },
    { ...valid, models: [] },
    { ...valid, models: ["ok", ""] },
    { ...valid, groups: [] },
    { ...valid, groups: ["ghost"] },
    { ...valid, modelMapping: { a: 1 } },
    { ...valid, modelMapping: ["a"] },
    { ...valid, weight: -1 },
    { ...valid, priority: 1.5 },
    { ...valid, status: "auto_disabled" },
    { ...valid, secret: true },
  ]) {
    const res = await admin.post("/api/admin/channels", body);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(JSON.stringify(res.body)).not.toContain("UPSTREAMSECRET");
  }
  expect(await appDb(app).channel.count()).toBe(before);
  const id = (await admin.get("/api/admin/channels")).body.data[0].id;
  expect((await admin.patch(`/api/admin/channels/${id}`, { groups: ["ghost"] })).status).toBe(400);
  expect((await admin.patch(`/api/admin/channels/${id}`, { baseUrl: "file:///etc/passwd" })).status).toBe(400);
});

test("an admin setting an auto-disabled channel active re-enables it and resets its failure streak", async () => {
  const id = (await admin.post("/api/admin/channels", { ...valid, name: "flaky" })).body.id;
  const failedAt = new Date("2026-01-01T00:00:00Z");
  // What the relay records when a channel keeps failing.
  await appDb(app).channel.update({
    where: { id },
    data: { status: "auto_disabled", consecutiveFailures: 5, totalFailures: 9, lastError: "upstream 500", lastFailureAt: failedAt },
  });
  const seen = await admin.get(`/api/admin/channels/${id}`);
  expect(seen.body).toMatchObject({
    status: "auto_disabled", consecutiveFailures: 5, totalFailures: 9, lastError: "upstream 500", lastFailureAt: failedAt.toISOString(),
  });
  const res = await admin.patch(`/api/admin/channels/${id}`, { status: "active" });
  expect(res.body).toMatchObject({ status: "active", consecutiveFailures: 0, totalFailures: 9 });
});

test("delete; unknown ids answer 404", async () => {
  const id = (await admin.post("/api/admin/channels", { ...valid, name: "temp" })).body.id;
  expect((await admin.delete(`/api/admin/channels/${id}`)).status).toBe(204);
  expect((await admin.get(`/api/admin/channels/${id}`)).status).toBe(404);
  expect((await admin.delete(`/api/admin/channels/${id}`)).status).toBe(404);
  expect((await admin.patch(`/api/admin/channels/${id}`, { weight: 1 })).status).toBe(404);
  expect((await admin.get("/api/admin/channels/abc")).status).toBe(404);
});
