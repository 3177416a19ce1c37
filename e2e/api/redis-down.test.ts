// Redis unreachable: the gateway keeps answering at full speed, limits hold per instance, sign-in
// works, health says what is degraded, and the log says it once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, type RunningApp } from "../support/app";
import { CHAT_MODEL, adminOf, newTokenOwner, rawV1, startRelay, type Relay } from "../support/relay-fixture";
import { login } from "../support/session";

let relay: Relay;
let app: RunningApp;

beforeAll(async () => {
  relay = await startRelay({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, RATE_LIMIT_RPM: "20" } });
  ({ app } = relay);
}, 120_000);

afterAll(async () => {
  await relay?.stop();
});

it("keeps latency, limits per instance, sign-in and a quiet log; health reports Redis down", async () => {
  const admin = adminOf(app);
  const t = await newTokenOwner(app, admin, { user: { email: "redisless@example.com", password: "redisless pass 1" } });
  const body = JSON.stringify({ model: CHAT_MODEL, messages: [{ role: "user", content: "hi" }] });
  const latencies: number[] = [];
  const statuses: number[] = [];
  const minute = () => Math.floor(Date.now() / 60_000);
  const firstMinute = minute();
  for (let i = 0; i < 25; i++) {
    const started = performance.now();
    statuses.push((await rawV1(app, "/chat/completions", { key: t.key, body })).status);
    latencies.push(performance.now() - started);
  }
  // The per-instance limit counts per minute: exactly 20 pass unless the calls straddled two minutes.
  const passed = statuses.filter((s) => s === 200).length;
  if (minute() === firstMinute) expect(passed).toBe(20);
  else expect(passed).toBeLessThanOrEqual(25);
  expect(statuses.filter((s) => s === 429).length).toBe(25 - passed);
  latencies.sort((a, b) => a - b);
  // Each call waited for no Redis: far below the seconds a retrying client would take.
  expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(200);

  expect(await login(app, "redisless@example.com", "redisless pass 1")).toContain("session-token");
  const health = await (await fetch(`${app.url}/api/health`)).json();
  expect(health).toMatchObject({ status: "degraded", database: "ok", redis: "down" });
  const lines = app.logs().split("\n").filter((l) => /redis/i.test(l));
  expect(lines.length).toBeLessThanOrEqual(2);
});
