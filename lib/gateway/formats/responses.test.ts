import { describe, expect, it } from "vitest";
import type { Json } from "@/lib/gateway/chat";
import { fixtureJson } from "@/lib/gateway/fixture-files";
import { readResponsesRequest, responsesFormat } from "@/lib/gateway/formats/responses";
import type { InboundFormat } from "@/lib/gateway/formats/types";

const codex = fixtureJson("formats/fixtures/responses-request-codex.json");

const ask = (extra: Json = {}) => ({ model: "gpt-5", input: "Hi", ...extra });

describe("readResponsesRequest", () => {
  it("reads model, stream, output limit and Codex's prompt_cache_key", () => {
    expect(readResponsesRequest(codex)).toEqual({
      ok: true,
      value: { model: "gpt-5-codex", stream: true, maxOutputTokens: null, sessionKey: "0199a3f2-5c1e-7d20-b8a4-2f6e9c0d1b37" },
    });
    expect(readResponsesRequest(ask({ max_output_tokens: 300 }))).toMatchObject({ ok: true, value: { stream: false, maxOutputTokens: 300 } });
  });

  it("names the field that is wrong", () => {
    expect(readResponsesRequest({ input: "x" })).toMatchObject({ ok: false, code: "invalid_request", param: "model" });
    expect(readResponsesRequest(ask({ max_output_tokens: 0 }))).toMatchObject({ ok: false, param: "max_output_tokens" });
    expect(readResponsesRequest(ask({ stream: 1 }))).toMatchObject({ ok: false, param: "stream" });
  });
});

describe("responsesFormat", () => {
  const raw = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));

  it("is a format the core can use, parsing the reservation's inputs and answering OpenAI's envelope", () => {
    const format: Omit<InboundFormat, "name"> = responsesFormat;
    const out = format.parse(raw(codex));
    if (!out.ok) throw new Error(out.message);
    expect(out.value).toMatchObject({ model: "gpt-5-codex", stream: true, clientWantsUsage: true, maxOutput: null, sessionKey: expect.any(String) });
    expect(out.value.promptBound).toBeGreaterThan(6000);
    expect(format.parse(raw({ input: "x" }))).toMatchObject({ ok: false, param: "model" });
    const error = format.error("invalid_request", "'previous_response_id' needs state.", { param: "previous_response_id" });
    expect(error.status).toBe(400);
    expect(JSON.parse(error.body as string)).toMatchObject({ error: { code: "invalid_request", param: "previous_response_id" } });
  });
});
