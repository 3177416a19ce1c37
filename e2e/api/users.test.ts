import { expect, test } from "vitest";
import { newUser, type ApiClient, useAdminApp } from "../support/api-client";
import type { RunningApp } from "../support/app";
import { appDb } from "../support/db";

let app: RunningApp;
let admin: ApiClient;

useAdminApp((a, client) => ((app = a), (admin = client)));

const topup = (id: number, amount: unknown) => admin.post(`/api/admin/users/${id}/topup`, { amount });

test("GET /api/admin/users/{id} answers the user without secrets; unknown ids 404", async () => {
  const user = await newUser(app, admin, { name: "Uma" });
  const res = await admin.get(`/api/admin/users/${user.id}`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id: user.id, email: user.email, name: "Uma", balance: 0, availableBalance: 0 });
  expect(JSON.stringify(res.body)).not.toMatch(/password/i);
  expect((await admin.get("/api/admin/users/999999")).status).toBe(404);
});

test("top-ups add and remove credits, never below zero", async () => {
  const { id } = await newUser(app, admin);
  const added = await topup(id, 1_000);
  expect(added.status).toBe(200);
  expect(added.body).toMatchObject({ id, balance: 1_000, availableBalance: 1_000 });
  expect((await topup(id, -400)).body.balance).toBe(600);

  const tooMuch = await topup(id, -601);
  expect(tooMuch.status).toBe(400);
  expect(tooMuch.body.error).toMatchObject({ code: "invalid_request", param: "amount" });
  expect(tooMuch.body.error.message).toMatch(/balance negative/);
  expect((await topup(id, -600)).body.balance).toBe(0);
  // Amounts beyond 32 bits (2^31 credits is about $4,300) work on both databases.
  expect((await topup(id, 5_000_000_000)).body.balance).toBe(5_000_000_000);
  expect((await topup(id, -5_000_000_000)).body.balance).toBe(0);

  for (const bad of [0, 1.5, "10", null, 2 ** 60]) expect((await topup(id, bad)).status, String(bad)).toBe(400);
  expect((await admin.post(`/api/admin/users/${id}/topup`, { amount: 5, reason: "x" })).status).toBe(400);
  expect((await admin.post(`/api/admin/users/${id}/topup`, { amount: 5, note: "x".repeat(201) })).status).toBe(400);
  expect((await topup(999_999, 10)).status).toBe(404);
  expect((await admin.get(`/api/admin/users/${id}`)).body.balance).toBe(0);
});

test("credits held by requests in flight cannot be taken away", async () => {
  const { id } = await newUser(app, admin);
  await topup(id, 1_000);
  await appDb(app).user.update({ where: { id }, data: { heldBalance: 300n } });
  expect((await topup(id, -701)).status).toBe(400);
  const ok = await topup(id, -700);
  expect(ok.body).toMatchObject({ balance: 300, availableBalance: 0 });
});

test("20 concurrent negative top-ups that together exceed the balance never make it negative", async () => {
  const { id } = await newUser(app, admin);
  await topup(id, 1_000);
  const results = await Promise.all(Array.from({ length: 20 }, () => topup(id, -70)));
  const ok = results.filter((r) => r.status === 200).length;
  const refused = results.filter((r) => r.status === 400).length;
  expect(ok + refused).toBe(20);
  expect(ok).toBe(14); // 14 × 70 = 980 ≤ 1000 < 15 × 70
  const balance = (await admin.get(`/api/admin/users/${id}`)).body.balance;
  expect(balance).toBe(1_000 - ok * 70);
  expect(balance).toBeGreaterThanOrEqual(0);
});
