import { describe, expect, test } from "vitest";
import { newUser, type ApiClient, useAdminApp } from "../support/api-client";
import type { RunningApp } from "../support/app";

let app: RunningApp;
let admin: ApiClient;

useAdminApp((a, client) => ((app = a), (admin = client)));

type Code = { id: number; code: string; codePreview: string; amount: number; maxUses: number; uses: number; status: string };

async function batch(body: Record<string, unknown>): Promise<Code[]> {
  const res = await admin.post("/api/admin/redemptions", { name: "test batch", count: 1, amount: 1_000_000, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

const balanceOf = async (id: number) => (await admin.get(`/api/admin/users/${id}`)).body.balance as number;
const usesOf = async (id: number) => (await admin.get("/api/admin/redemptions")).body.data.find((c: Code) => c.id === id).uses as number;

describe("redemption codes", () => {
  test("an admin creates a batch: the codes are answered once, the list shows previews only", async () => {
    const codes = await batch({ name: "Launch promo", count: 3, amount: 2_500_000, maxUses: 2, expiresAt: "2031-01-01T00:00:00Z" });
    expect(codes).toHaveLength(3);
    for (const c of codes) {
      expect(c.code).toMatch(/^GW-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      expect(c).toMatchObject({ name: "Launch promo", amount: 2_500_000, maxUses: 2, uses: 0, status: "active", expiresAt: "2031-01-01T00:00:00.000Z" });
    }
    expect(new Set(codes.map((c) => c.code)).size).toBe(3);
    const list = await admin.get("/api/admin/redemptions");
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    for (const c of codes) {
      expect(text).not.toContain(c.code);
      expect(text).toContain(c.codePreview);
    }
  });

  test("bad batches are refused, and only admins may manage codes", async () => {
    for (const bad of [{ count: 0 }, { count: 1001 }, { amount: 0 }, { amount: 1.5 }, { maxUses: 0 }, { expiresAt: "2001-01-01T00:00:00Z" }, { extra: 1 }, { name: "" }]) {
      const res = await admin.post("/api/admin/redemptions", { name: "x", count: 1, amount: 100, ...bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
    const user = await newUser(app, admin);
    expect((await user.client.post("/api/admin/redemptions", { name: "mine", count: 1, amount: 100 })).status).toBe(403);
    expect((await user.client.get("/api/admin/redemptions")).status).toBe(403);
    expect((await admin.patch("/api/admin/redemptions/999999", { status: "disabled" })).status).toBe(404);
  });

  test("a user redeems a code once; unknown, used, disabled and expired codes all get the same 400", async () => {
    const [one] = await batch({ amount: 5_000_000 });
    const user = await newUser(app, admin);
    const res = await user.client.post("/api/account/redeem", { code: one.code.toLowerCase().replace(/-/g, " ") });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ balance: 5_000_000, kind: "redemption", amount: 5_000_000, balanceAfter: 5_000_000 });
    expect(await balanceOf(user.id)).toBe(5_000_000);

    const [disabled] = await batch({});
    expect((await admin.patch(`/api/admin/redemptions/${disabled.id}`, { status: "disabled" })).body.status).toBe("disabled");
    const [expiring] = await batch({ expiresAt: new Date(Date.now() + 1500).toISOString() });
    const [twoUses] = await batch({ maxUses: 2 });
    expect((await user.client.post("/api/account/redeem", { code: twoUses.code })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2000));

    const answers = [];
    for (const code of ["GW-0000-0000-0000-0000", one.code, disabled.code, expiring.code, twoUses.code]) {
      const r = await user.client.post("/api/account/redeem", { code });
      expect(r.status, code).toBe(400);
      answers.push(r.body);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0].error).toMatchObject({ code: "invalid_request", param: "code" });
    expect(await balanceOf(user.id)).toBe(6_000_000);
    expect(await usesOf(disabled.id)).toBe(0);
    expect(await usesOf(twoUses.id)).toBe(1);

    // The admin key is not a person with a balance.
    expect((await admin.post("/api/account/redeem", { code: twoUses.code })).status).toBe(403);
  });

  test("parallel redemptions of a single-use code redeem it exactly once", async () => {
    const [code] = await batch({ amount: 3_000_000 });
    const users = await Promise.all(Array.from({ length: 8 }, () => newUser(app, admin)));
    const results = await Promise.all(users.map((u) => u.client.post("/api/account/redeem", { code: code.code })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
    expect(await usesOf(code.id)).toBe(1);
    const balances = await Promise.all(users.map((u) => balanceOf(u.id)));
    expect(balances.reduce((a, b) => a + b, 0)).toBe(3_000_000);
  });

  test("a code with three uses serves three people in parallel, and one person only once", async () => {
    const [code] = await batch({ amount: 1_000, maxUses: 3 });
    const users = await Promise.all(Array.from({ length: 6 }, () => newUser(app, admin)));
    const results = await Promise.all(users.map((u) => u.client.post("/api/account/redeem", { code: code.code })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(await usesOf(code.id)).toBe(3);

    const [shared] = await batch({ amount: 1_000, maxUses: 5 });
    const one = await newUser(app, admin);
    const same = await Promise.all(Array.from({ length: 5 }, () => one.client.post("/api/account/redeem", { code: shared.code })));
    expect(same.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await balanceOf(one.id)).toBe(1_000);
    expect(await usesOf(shared.id)).toBe(1);
  });

  test("guessing codes is throttled", async () => {
    const user = await newUser(app, admin);
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await user.client.post("/api/account/redeem", { code: `GW-GUES-S000-0000-000${i % 10}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses[10]).toBe(429);
  });
});

describe("balance history", () => {
  test("top-ups, deductions and redemptions are listed with the balance after each and the note", async () => {
    const user = await newUser(app, admin);
    expect((await admin.post(`/api/admin/users/${user.id}/topup`, { amount: 2_000_000, note: "Invoice 42" })).status).toBe(200);
    expect((await admin.post(`/api/admin/users/${user.id}/topup`, { amount: -500_000 })).status).toBe(200);
    const [code] = await batch({ name: "Welcome", amount: 250_000 });
    expect((await user.client.post("/api/account/redeem", { code: code.code })).status).toBe(200);
    // A refused deduction leaves no trace.
    expect((await admin.post(`/api/admin/users/${user.id}/topup`, { amount: -10_000_000 })).status).toBe(400);

    const mine = await user.client.get("/api/account/balance-history");
    expect(mine.status).toBe(200);
    expect(mine.body.nextCursor).toBeNull();
    expect(mine.body.data).toEqual([
      { kind: "redemption", amount: 250_000, balanceAfter: 1_750_000, note: `Code ${code.codePreview} (Welcome)`, createdAt: expect.any(String) },
      { kind: "deduction", amount: -500_000, balanceAfter: 1_500_000, note: "", createdAt: expect.any(String) },
      { kind: "topup", amount: 2_000_000, balanceAfter: 2_000_000, note: "Invoice 42", createdAt: expect.any(String) },
    ]);

    // Admins read anyone's; people only their own; pages follow the cursor.
    expect((await admin.get(`/api/account/balance-history?userId=${user.id}`)).body.data).toHaveLength(3);
    const other = await newUser(app, admin);
    expect((await other.client.get(`/api/account/balance-history?userId=${user.id}`)).status).toBe(403);
    const first = await user.client.get("/api/account/balance-history?limit=2");
    expect(first.body.data).toHaveLength(2);
    const second = await user.client.get(`/api/account/balance-history?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((e: { kind: string }) => e.kind)).toEqual(["topup"]);
    expect((await user.client.get("/api/account/balance-history?cursor=nonsense")).status).toBe(400);
  });
});

describe("settings", () => {
  test("an admin sets the starting credit of registered accounts; nobody else may", async () => {
    expect((await admin.get("/api/admin/settings")).body).toEqual({ registrationCredit: 0 });
    const set = await admin.patch("/api/admin/settings", { registrationCredit: 1_500_000 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ registrationCredit: 1_500_000 });
    expect((await admin.get("/api/admin/settings")).body).toEqual({ registrationCredit: 1_500_000 });
    for (const bad of [{ registrationCredit: -1 }, { registrationCredit: 0.5 }, {}, { registrationCredit: 1, other: 2 }]) {
      expect((await admin.patch("/api/admin/settings", bad)).status, JSON.stringify(bad)).toBe(400);
    }
    const user = await newUser(app, admin);
    expect((await user.client.patch("/api/admin/settings", { registrationCredit: 9 })).status).toBe(403);
    expect((await admin.get("/api/admin/settings")).body).toEqual({ registrationCredit: 1_500_000 });
  });
});
