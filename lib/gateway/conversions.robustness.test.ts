import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Json } from "@/lib/gateway/chat";
import { fixtureJson, fixtureText, sseEvents, sseJson } from "@/lib/gateway/fixture-files";
import { readAnthropicRequest } from "@/lib/gateway/formats/anthropic-messages";
import { anthropicRequestToChat } from "@/lib/gateway/formats/anthropic-to-chat";
import { chatResponseToAnthropic } from "@/lib/gateway/formats/anthropic-response";
import { ChatToAnthropicStream } from "@/lib/gateway/formats/anthropic-stream";
import { readResponsesRequest } from "@/lib/gateway/formats/responses";
import { responsesRequestToChat } from "@/lib/gateway/formats/responses-to-chat";
import { chatResponseToResponses } from "@/lib/gateway/formats/responses-response";
import { ChatToResponsesStream } from "@/lib/gateway/formats/responses-stream";
import { chatRequestToAnthropic } from "@/lib/gateway/providers/anthropic";
import { AnthropicToChatStream, anthropicResponseToChat } from "@/lib/gateway/providers/anthropic-response";
import { chatRequestToGemini } from "@/lib/gateway/providers/gemini";
import { GeminiToChatStream, geminiResponseToChat } from "@/lib/gateway/providers/gemini-response";

// Any body a client or an upstream sends, however malformed, gets an answer or a 400 naming a
// field: a converter never throws (which would be a 500) whatever it is given.

/** Every path to a value inside `value`. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === "object") return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

/** `base` with the value at one path replaced by any JSON value (or the key deleted). */
function mutated(base: Json): fc.Arbitrary<unknown> {
  const all = paths(base);
  return fc.tuple(fc.constantFrom(...all), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined))).map(([path, value]) => {
    if (path.length === 0) return value;
    const copy = structuredClone(base) as Json;
    let node = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path.at(-1)!] = value;
    return copy;
  });
}

const runs = { numRuns: 1000 };
const claudeCode = fixtureJson("formats/fixtures/anthropic-request-claude-code.json");
const codex = fixtureJson("formats/fixtures/responses-request-codex.json");
const chatRequest = fixtureJson("providers/fixtures/chat-request-tools-images.json");
const completion = fixtureJson("formats/fixtures/openai-chat-completion-tools.json");

function expectOutcome(out: { ok: boolean; param?: string }): void {
  if (!out.ok) expect(out.param).toEqual(expect.any(String));
}

describe("converters never throw", () => {
  it("on client requests", () => {
    fc.assert(fc.property(mutated(claudeCode), (body) => {
      expectOutcome(anthropicRequestToChat(body));
      expectOutcome(readAnthropicRequest(body, "messages"));
    }), runs);
    fc.assert(fc.property(mutated(codex), (body) => {
      expectOutcome(responsesRequestToChat(body));
      expectOutcome(readResponsesRequest(body));
    }), runs);
    fc.assert(fc.property(mutated(chatRequest), (body) => {
      expectOutcome(chatRequestToAnthropic(body, "claude", 1024));
      expectOutcome(chatRequestToGemini(body));
    }), runs);
  });

  it("on values that cannot even be turned into a string", () => {
    const evil = { toString: null };
    const block = (type: unknown) => ({ model: "m", max_tokens: 5, messages: [{ role: "user", content: [{ type }] }] });
    expect(anthropicRequestToChat(block(evil))).toMatchObject({ ok: false, message: expect.stringContaining('{"toString":null}') });
    expect(responsesRequestToChat({ model: "m", input: [{ type: evil }] })).toMatchObject({ ok: false, param: "input[0].type" });
    expect(chatRequestToAnthropic({ model: "m", messages: [{ role: evil }] }, "c", 5)).toMatchObject({ ok: false, param: "messages[0].role" });
    expect(chatRequestToGemini({ model: "m", messages: [{ role: "user", content: [{ type: "x".repeat(500) }] }] })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/x{60}…/),
    });
  });

  it("on upstream answers", () => {
    fc.assert(fc.property(mutated(completion), (body) => {
      chatResponseToAnthropic(body, "m");
      chatResponseToResponses(body, { model: "m", requestId: "r", createdAt: 0 });
    }), runs);
    fc.assert(fc.property(mutated(fixtureJson("providers/fixtures/anthropic-message-thinking-tools.json")), (body) => {
      anthropicResponseToChat(body, "m", 0);
    }), runs);
    fc.assert(fc.property(mutated(fixtureJson("providers/fixtures/gemini-response-thinking-tools.json")), (body) => {
      geminiResponseToChat(body, "m", "r", 0);
    }), runs);
  });

  it("on upstream stream events", () => {
    const chunks = sseJson(fixtureText("formats/fixtures/openai-chat-stream-parallel-tools.sse"));
    const oneBad = fc.integer({ min: 0, max: chunks.length - 1 }).chain((i) => mutated(chunks[i]).map((c) => [i, c] as const));
    fc.assert(fc.property(oneBad, ([i, bad]) => {
      const anthropic = new ChatToAnthropicStream({ model: "m", id: "x" });
      const responses = new ChatToResponsesStream({ model: "m", requestId: "r", createdAt: 0 });
      chunks.forEach((c, k) => [anthropic, responses].forEach((w) => w.push(k === i ? bad : c)));
      anthropic.end();
      responses.end();
    }), runs);
    const opts = { model: "m", id: "x", created: 0, includeUsage: true };
    const upstream = [
      { text: fixtureText("providers/fixtures/anthropic-stream-thinking-tools.sse"), make: () => new AnthropicToChatStream(opts) },
      { text: fixtureText("providers/fixtures/gemini-stream-thinking-tools.sse"), make: () => new GeminiToChatStream(opts) },
    ];
    for (const { text, make } of upstream) {
      const events = sseEvents(text).map((e) => ({ event: e.event, data: JSON.parse(e.data) as Json }));
      const oneBad = fc.integer({ min: 0, max: events.length - 1 }).chain((i) => mutated(events[i].data).map((d) => [i, d] as const));
      fc.assert(fc.property(oneBad, ([i, bad]) => {
        const converter = make();
        events.forEach((e, k) => converter.push({ event: e.event, data: JSON.stringify(k === i ? bad : e.data) ?? "" }));
        converter.end();
        expect(converter.usage === null || Number.isSafeInteger(converter.usage.promptTokens)).toBe(true);
      }), runs);
    }
  });
});
