import { describe, expect, it } from "vitest";
import { fixtureJson } from "@/lib/gateway/fixture-files";
import { anthropicMessagesFormat, parseAnthropicRequest, readAnthropicRequest } from "@/lib/gateway/formats/anthropic-messages";
import type { InboundFormat } from "@/lib/gateway/formats/types";

const claudeCode = fixtureJson("formats/fixtures/anthropic-request-claude-code.json");

const minimal = { model: "claude-haiku-4-5", max_tokens: 100, messages: [{ role: "user", content: "Hi" }] };

describe("readAnthropicRequest", () => {
  it("reads model, stream, max_tokens and Claude Code's session id", () => {
    expect(readAnthropicRequest(claudeCode, "messages")).toEqual({
      ok: true,
      value: {
        model: "claude-sonnet-4-5-20250929",
        stream: true,
        maxTokens: 32000,
        sessionKey: "user_5b0f6c1e9d2a_account__session_8e1b7c3a-2f44-4d0e-9b61-0c5a7d9e2f13",
      },
    });
  });

  it("requires max_tokens for messages but not for count_tokens", () => {
    const { max_tokens: _omit, ...body } = minimal;
    expect(readAnthropicRequest(body, "messages")).toMatchObject({ ok: false, code: "invalid_request", param: "max_tokens" });
    expect(readAnthropicRequest(body, "count_tokens")).toMatchObject({ ok: true, value: { maxTokens: null, stream: false } });
  });

  it("names the field that is wrong", () => {
    expect(readAnthropicRequest([], "messages")).toMatchObject({ ok: false, param: "body" });
    expect(readAnthropicRequest({ ...minimal, model: "" }, "messages")).toMatchObject({ ok: false, param: "model" });
    expect(readAnthropicRequest({ ...minimal, messages: "hi" }, "messages")).toMatchObject({ ok: false, param: "messages" });
    expect(readAnthropicRequest({ ...minimal, max_tokens: 1.5 }, "messages")).toMatchObject({ ok: false, param: "max_tokens" });
    expect(readAnthropicRequest({ ...minimal, stream: "yes" }, "messages")).toMatchObject({ ok: false, param: "stream" });
  });
});

describe("anthropicMessagesFormat", () => {
  const raw = (body: unknown) => new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body));

  it("is a format the core can use", () => {
    const format: Omit<InboundFormat, "name"> = anthropicMessagesFormat;
    expect(format.path).toBe("/messages");
  });

  it("parses a request into the reservation's inputs and the session key", () => {
    const bytes = raw(claudeCode);
    const out = anthropicMessagesFormat.parse(bytes);
    if (!out.ok) throw new Error(out.message);
    expect(out.value).toMatchObject({ model: "claude-sonnet-4-5-20250929", stream: true, clientWantsUsage: true, maxOutput: 32000, outputMultiplier: 1 });
    expect(out.value.sessionKey).toMatch(/^user_5b0f/);
    // Claude Code marks cache breakpoints: the reservation must cover 5-minute cache writes.
    expect(out.value.cacheWrites).toBe("5m");
    // Three images (one in a tool result) at their bound, the text at a byte each.
    expect(out.value.promptBound).toBeGreaterThan(3 * 6000);
    expect(out.value.promptBound).toBeLessThan(bytes.byteLength + 3 * 6000 + 4096);
  });

  it("refuses a body that is not a Messages request, naming the field", () => {
    expect(anthropicMessagesFormat.parse(raw("{oops"))).toMatchObject({ ok: false, code: "invalid_request" });
    expect(anthropicMessagesFormat.parse(raw({ model: "m", messages: [] }))).toMatchObject({ ok: false, param: "max_tokens" });
    expect(parseAnthropicRequest(raw({ model: "m", messages: [] }), "count_tokens")).toMatchObject({ ok: true, value: { maxOutput: null } });
  });

  it("answers errors in Anthropic's shape with the contract's status", () => {
    expect(anthropicMessagesFormat.error("insufficient_quota", "Not enough credits.")).toMatchObject({
      status: 429,
      body: JSON.stringify({ type: "error", error: { type: "rate_limit_error", message: "Not enough credits." } }),
    });
    expect(anthropicMessagesFormat.error("upstream_error", "x", { status: 503 }).status).toBe(503);
    expect(anthropicMessagesFormat.error("model_not_found", "No such model.").status).toBe(404);
  });
});
