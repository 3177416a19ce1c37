// Writes authenticated by the dashboard's session cookie come only from the dashboard's own origin,
// with a JSON body: a page on another port or subdomain of the same site cannot forge them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { adminOf } from "../support/relay-fixture";
import { login } from "../support/session";

let app: RunningApp;
let cookie: string;

beforeAll(async () => {
  app = await startApp();
  await adminOf(app).post("/api/admin/users", { email: "victim@example.com", password: "victim password 1", role: "admin" });
  cookie = await login(app, "victim@example.com", "victim password 1");
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

async function write(path: string, headers: Record<string, string>, body: string) {
  const res = await fetch(`${app.url}${path}`, { method: "POST", headers: { cookie, ...headers }, body });
  return { status: res.status, body: await res.json().catch(() => null) };
}

const tokenBody = JSON.stringify({ name: "forged" });
const foreign = "http://127.0.0.1:1";

it("refuses cookie writes from another origin, by Origin or by Referer, and without either", async () => {
  for (const headers of <Record<string, string>[]>[
    { origin: foreign, "content-type": "application/json" },
    { origin: "null", "content-type": "application/json" },
    { referer: `${foreign}/page`, "content-type": "application/json" },
    { "content-type": "application/json" },
  ]) {
    const res = await write("/api/tokens", headers, tokenBody);
    expect(res.status, JSON.stringify(headers)).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  }
  const topup = await write("/api/admin/users/1/topup", { origin: foreign, "content-type": "text/plain" }, JSON.stringify({ amount: 1000 }));
  expect(topup.status).toBe(403);
  const admin = await write("/api/admin/users", { origin: foreign }, JSON.stringify({ email: "evil@example.com", password: "evil password 1", role: "admin" }));
  expect(admin.status).toBe(403);
  expect((await adminOf(app).get("/api/tokens?userId=1")).body.data).toHaveLength(0);
});

it("refuses same-origin writes whose body is not JSON (form posts, text/plain)", async () => {
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
    const res = await write("/api/tokens", { origin: app.url, "content-type": type }, tokenBody);
    expect(res.status, type).toBe(415);
  }
});

it("accepts the dashboard's own writes, by Origin or by Referer, and the admin API key from anywhere", async () => {
  expect((await write("/api/tokens", { origin: app.url, "content-type": "application/json" }, tokenBody)).status).toBe(201);
  expect((await write("/api/tokens", { referer: `${app.url}/dashboard/tokens`, "content-type": "application/json; charset=utf-8" }, tokenBody)).status).toBe(201);
  const viaKey = await fetch(`${app.url}/api/tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${app.adminApiKey}`, origin: foreign, "content-type": "application/json" },
    body: tokenBody,
  });
  expect(viaKey.status).toBe(201);
});
