// What every route does with requests it must not serve: bodies too large or never finished,
// wrong methods and unknown paths answer in the JSON envelope; long answers are never cut.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MockUpstream } from "../mock-upstream/server";
import { SERVER_ENTRY, type RunningApp } from "../support/app";
import { CHAT_MODEL, adminOf, newTokenOwner, startRelay, type Relay } from "../support/relay-fixture";

let relay: Relay;
let app: RunningApp;
let mock: MockUpstream;

beforeAll(async () => {
  relay = await startRelay({ env: { REQUEST_TIMEOUT_MS: "2000" } });
  ({ app, mock } = relay);
}, 120_000);

afterAll(async () => {
  await relay?.stop();
});

/** Sends raw bytes and resolves with what the server answered and whether it closed the connection. */
function raw(request: string, opts: { waitMs?: number } = {}): Promise<{ text: string; closed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let text = "";
    const socket = connect(Number(new URL(app.url).port), "127.0.0.1", () => socket.write(request));
    const done = (closed: boolean) => {
      socket.destroy();
      resolve({ text, closed, ms: Date.now() - started });
    };
    const timer = setTimeout(() => done(false), opts.waitMs ?? 8_000);
    socket.on("data", (d) => (text += d));
    socket.on("close", () => {
      clearTimeout(timer);
      done(true);
    });
    socket.on("error", () => undefined);
  });
}

describe("request bodies", () => {
  it("refuses a 150 MB form to the sign-in callback and a 5 MB body to /api/tokens before reading them", async () => {
    for (const path of ["/api/auth/callback/credentials", "/api/tokens"]) {
      const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${path.includes("auth") ? 150_000_000 : 5_000_000}\r\n\r\n{"a":`;
      const res = await raw(head);
      expect(res.text).toMatch(/^HTTP\/1.1 413/);
      expect(res.text).toContain('"code":"request_too_large"');
      expect(res.closed).toBe(true);
    }
  });

  it("refuses a chunked body where a small JSON body is expected", async () => {
    const res = await raw(`POST /api/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`);
    expect(res.text).toMatch(/^HTTP\/1.1 411/);
  });

  it("cuts off a client that never finishes its body, on /v1 and on sign-in alike", async () => {
    for (const path of ["/v1/chat/completions", "/api/auth/callback/credentials"]) {
      const res = await raw(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"model":`);
      expect(res.closed).toBe(true);
      expect(res.ms).toBeLessThan(6_000);
    }
  });

  it("never cuts an answer that takes longer than the request timeout", async () => {
    const admin = adminOf(app);
    const t = await newTokenOwner(app, admin);
    mock.setFault({ type: "slow_stream", chunkDelayMs: 500, times: 1 });
    const res = await fetch(`${app.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: CHAT_MODEL, stream: true, messages: [{ role: "user", content: "one two three four five six seven" }] }),
    });
    const started = Date.now();
    const text = await res.text();
    expect(Date.now() - started).toBeGreaterThan(2_500);
    expect(text).toContain("[DONE]");
  });
});

describe("methods and paths", () => {
  it("answers a wrong method with 405 and an unknown path with 404, in the JSON envelope, on /v1 and /api", async () => {
    const cases: [string, string, number, string][] = [
      ["GET", "/v1/chat/completions", 405, "method_not_allowed"],
      ["DELETE", "/v1/models", 405, "method_not_allowed"],
      ["POST", "/v1/nothing/here", 404, "not_found"],
      ["PUT", "/api/tokens", 405, "method_not_allowed"],
      ["DELETE", "/api/health", 405, "method_not_allowed"],
      ["GET", "/api/nothing/here", 404, "not_found"],
      ["POST", "/api/admin/nothing", 404, "not_found"],
    ];
    for (const [method, path, status, code] of cases) {
      const res = await fetch(`${app.url}${path}`, { method, headers: { authorization: `Bearer ${app.adminApiKey}` } });
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.headers.get("x-request-id"), `${method} ${path}`).toBeTruthy();
      expect((await res.json()).error.code, `${method} ${path}`).toBe(code);
    }
  });
});

it("an instance that cannot bind its port exits non-zero", async () => {
  const port = new URL(app.url).port;
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, NODE_ENV: "production", PORT: port, HOSTNAME: "127.0.0.1", DATABASE_URL: app.db.url, DATA_DIR: "/tmp/gw-bind-test" },
    stdio: "ignore",
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code).not.toBe(0);
}, 60_000);
