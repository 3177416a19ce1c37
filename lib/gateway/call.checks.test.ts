// The contract's order of checks, in memory: every refusal happens before anything is reserved,
// charged, recorded or sent upstream.
import { describe, expect, it } from "vitest";
import { handleRelay } from "@/lib/gateway/call";
import { chatFormat } from "@/lib/gateway/formats/openai";
import { parseCidrList } from "@/lib/net/cidr";
import { input, text, world } from "@/lib/gateway/test-world";

const chat = { model: "m", messages: [{ role: "user", content: "hello there" }], max_tokens: 5 };
const cidr = (s: string) => {
  const r = parseCidrList([s]);
  if (!r.ok) throw new Error(s);
  return r.list;
};

describe("refusals", () => {
  const cases: [string, Parameters<typeof world>[0], ReturnType<typeof input>, number, string, string[]][] = [
    ["no key", {}, input(chat, { key: null }), 401, "invalid_api_key", []],
    ["a malformed key", {}, input(chat, { key: "sk-short" }), 401, "invalid_api_key", []],
    ["an unknown key (the body is never parsed)", {}, input("{broken", { key: `sk-${"b".repeat(48)}` }), 401, "invalid_api_key", ["findToken"]],
    ["a disabled token", { token: { status: "disabled" } }, input(chat), 401, "token_disabled", ["findToken"]],
    ["a disabled owner", { token: { userStatus: "disabled" } }, input(chat), 401, "token_disabled", ["findToken"]],
    ["an expired token", { token: { expiresAt: Date.now() - 1 } }, input(chat), 401, "token_expired", ["findToken"]],
    ["an address outside the allowed list", { token: { allowedIps: cidr("10.0.0.0/8") } }, input(chat, { ip: "1.2.3.4" }), 403, "ip_not_allowed", ["findToken"]],
    ["a body that is not JSON", {}, input("{broken"), 400, "invalid_request", ["findToken"]],
    ["a body without model", {}, input({ messages: [] }), 400, "invalid_request", ["findToken"]],
    ["n that is not an integer", {}, input({ ...chat, n: 1.5 }), 400, "invalid_request", ["findToken"]],
    ["a body over the size limit", {}, input({ ...chat, pad: "x".repeat(20_000) }), 413, "request_too_large", ["findToken"]],
    ["a model outside the allowed list (no routing)", { token: { allowedModels: ["other"] } }, input(chat), 403, "model_not_allowed", ["findToken"]],
    ["a model no channel serves", {}, input({ ...chat, model: "nope" }), 404, "model_not_found", ["findToken", "routing"]],
    ["a rate-limited token", { rateLimited: true }, input(chat), 429, "rate_limit_exceeded", ["findToken", "routing", "admit"]],
    ["a reservation the balance cannot cover", { available: 3 }, input(chat), 429, "insufficient_quota", ["findToken", "routing", "reserve"]],
  ];

  for (const [what, setup, req, status, code, calls] of cases) {
    it(`refuses ${what} with ${status} ${code}, before anything is charged or sent`, async () => {
      const w = world(setup);
      const res = await handleRelay(req.value, chatFormat, w.deps);
      expect(res.status).toBe(status);
      expect(JSON.parse(await text(res)).error).toMatchObject({ code });
      expect(w.calls).toEqual(calls);
      expect(w.settled).toEqual([]);
      expect(w.refusals).toEqual([code]);
      // A known token's refusal is recorded at no cost, with its reason; a stranger's is only counted.
      if (code === "invalid_api_key") expect(w.usage).toEqual([]);
      else expect(w.usage).toEqual([expect.objectContaining({ cost: 0, status, errorCode: code, errorMessage: expect.any(String) })]);
      expect(w.available()).toBe(setup?.available ?? 1_000_000);
    });
  }

  it("tells a rate-limited client when to retry", async () => {
    const res = await handleRelay(input(chat).value, chatFormat, world({ rateLimited: true }).deps);
    expect(res.headers["retry-after"]).toBe("7");
    expect(res.headers).toMatchObject({ "x-ratelimit-limit-requests": "1", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "6.5s" });
  });

  it("refuses JSON nested too deep to bound", async () => {
    const deep = `${JSON.stringify(chat).slice(0, -1)},"tools":${"[".repeat(4_000)}${"]".repeat(4_000)}}`;
    const w = world();
    const res = await handleRelay(input(deep).value, chatFormat, w.deps);
    expect(res.status).toBe(400);
    expect(w.calls).toEqual(["findToken"]);
  });

  it("refuses a document the bytes cannot bound when the model has no context window; reserves the window when it has one", async () => {
    const withFile = { ...chat, messages: [{ role: "user", content: [{ type: "file", file: { file_id: "file-1" } }] }] };
    const w = world();
    const res = await handleRelay(input(withFile).value, chatFormat, w.deps);
    expect(res.status).toBe(400);
    expect(JSON.parse(await text(res)).error).toMatchObject({ code: "invalid_request", param: "messages" });
    expect(w.calls).toEqual(["findToken", "routing"]);

    const windowed = world({ contextWindow: 1000, available: 1000 + 2 * 5 - 1 });
    expect((await handleRelay(input(withFile).value, chatFormat, windowed.deps)).status).toBe(429);
    const enough = world({ contextWindow: 1000, available: 1000 + 2 * 5, scripts: [{ json: { choices: [], usage: { prompt_tokens: 900, completion_tokens: 5 } } }] });
    const ok = await handleRelay(input(withFile).value, chatFormat, enough.deps);
    expect(ok.status).toBe(200);
  });
});
