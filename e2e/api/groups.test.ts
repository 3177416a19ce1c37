import { expect, test } from "vitest";
import { newUser, type ApiClient, useAdminApp } from "../support/api-client";
import type { RunningApp } from "../support/app";
import { appDb } from "../support/db";

let app: RunningApp;
let admin: ApiClient;

useAdminApp((a, client) => ((app = a), (admin = client)));

test("a fresh install has the default group with ratio 1", async () => {
  const res = await admin.get("/api/admin/groups");
  expect(res.status).toBe(200);
  expect(res.body.data).toMatchObject([{ name: "default", ratio: 1, selectable: false }]);
});

test("create, read, change and delete a group", async () => {
  const created = await admin.post("/api/admin/groups", { name: "pro", ratio: 0.8, description: "Pro plan" });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: "pro", ratio: 0.8, description: "Pro plan", selectable: false });
  expect((await admin.get("/api/admin/groups/pro")).body).toEqual(created.body);

  const changed = await admin.patch("/api/admin/groups/pro", { name: "pro", ratio: 1.5, selectable: true });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ name: "pro", ratio: 1.5, description: "Pro plan", selectable: true });

  expect((await admin.delete("/api/admin/groups/pro")).status).toBe(204);
  expect((await admin.get("/api/admin/groups/pro")).status).toBe(404);
  expect((await admin.delete("/api/admin/groups/pro")).status).toBe(404);
  expect((await admin.patch("/api/admin/groups/pro", { ratio: 2 })).status).toBe(404);
});

test("invalid groups are refused with 400 and nothing is written", async () => {
  for (const body of [
    { name: "x", ratio: -1 },
    { name: "x" },
    { name: "x", ratio: "1" },
    { name: "bad name", ratio: 1 },
    { name: "x", ratio: 1, colour: "red" },
    { name: "x", ratio: 1, selectable: "yes" },
  ]) {
    const res = await admin.post("/api/admin/groups", body);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
  }
  expect(await appDb(app).group.count({ where: { name: "x" } })).toBe(0);
  expect((await admin.patch("/api/admin/groups/default", { ratio: -2 })).status).toBe(400);
  expect((await admin.get("/api/admin/groups/default")).body.ratio).toBe(1);
});

test("a duplicate name is 409; renaming is refused", async () => {
  expect((await admin.post("/api/admin/groups", { name: "dup", ratio: 1 })).status).toBe(201);
  const dup = await admin.post("/api/admin/groups", { name: "dup", ratio: 2 });
  expect(dup.status).toBe(409);
  expect(dup.body.error.code).toBe("conflict");
  const rename = await admin.patch("/api/admin/groups/dup", { name: "other" });
  expect(rename.status).toBe(400);
  expect((await admin.get("/api/admin/groups/other")).status).toBe(404);
});

test("default and groups in use cannot be deleted", async () => {
  const def = await admin.delete("/api/admin/groups/default");
  expect(def.status).toBe(409);
  expect(def.body.error.message).toMatch(/default group/);

  expect((await admin.post("/api/admin/groups", { name: "team", ratio: 1, selectable: true })).status).toBe(201);
  const user = await newUser(app, admin, { group: "team" });
  const inUse = await admin.delete("/api/admin/groups/team");
  expect(inUse.status).toBe(409);
  expect(inUse.body.error.message).toMatch(/1 user/);

  await admin.patch(`/api/admin/users/${user.id}`, { group: "default" });
  const token = await user.client.post("/api/tokens", { name: "t", group: "team" });
  expect(token.status).toBe(201);
  expect((await admin.delete("/api/admin/groups/team")).body.error.message).toMatch(/1 token/);

  await user.client.delete(`/api/tokens/${token.body.id}`);
  const channel = await admin.post("/api/admin/channels", {
    name: "c", baseUrl: "https://api.example.com/v1", apiKey: "sk-upstream-secret-1234", models: ["m"], groups: ["team"],
  });
  expect(channel.status).toBe(201);
  expect((await admin.delete("/api/admin/groups/team")).body.error.message).toMatch(/1 channel/);

  await admin.delete(`/api/admin/channels/${channel.body.id}`);
  expect((await admin.delete("/api/admin/groups/team")).status).toBe(204);
});

test("ordinary users get 403 from every admin route", async () => {
  const user = await newUser(app, admin);
  for (const [method, path] of [
    ["GET", "/api/admin/groups"],
    ["POST", "/api/admin/groups"],
    ["PATCH", "/api/admin/groups/default"],
    ["DELETE", "/api/admin/groups/default"],
    ["GET", "/api/admin/models"],
    ["POST", "/api/admin/models"],
    ["PATCH", "/api/admin/models/gpt-4o"],
    ["DELETE", "/api/admin/models/gpt-4o"],
    ["GET", "/api/admin/channels"],
    ["POST", "/api/admin/channels"],
    ["PATCH", "/api/admin/channels/1"],
    ["DELETE", "/api/admin/channels/1"],
    ["GET", "/api/admin/users"],
    ["GET", `/api/admin/users/${user.id}`],
    ["POST", `/api/admin/users/${user.id}/topup`],
  ] as const) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { cookie: user.cookie, "content-type": "application/json" },
      body: method === "GET" || method === "DELETE" ? undefined : JSON.stringify({ amount: 5, ratio: 1 }),
    });
    expect(res.status, `${method} ${path}`).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  }
  expect((await admin.get(`/api/admin/users/${user.id}`)).body.balance).toBe(0);
  expect((await admin.get("/api/admin/groups/default")).status).toBe(200);
});
