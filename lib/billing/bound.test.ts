import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IMAGE_TOKEN_BOUND, MAX_DEPTH, REQUEST_OVERHEAD_BOUND, TOOLS_OVERHEAD_BOUND, promptBound } from "./bound";
import { countPromptTokens, countTokens } from "./estimate";

/** The bound of a body as the gateway computes it: from the bytes the client sent. */
function bound(body: unknown): number {
  const r = promptBound(Buffer.byteLength(JSON.stringify(body)), body);
  if (!r.ok) throw new Error(r.message);
  return r.value.tokens;
}

const text = fc.oneof(fc.string({ unit: "grapheme", maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 }), fc.string({ maxLength: 400 }));
const part = fc.oneof(
  text.map((t) => ({ type: "text", text: t })),
  fc.constant({ type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }),
  fc.record({ type: fc.constant("input_audio"), input_audio: fc.record({ data: text, format: fc.constant("wav") }) }),
);
const message = fc.record(
  {
    role: fc.constantFrom("system", "user", "assistant", "tool", "developer"),
    content: fc.oneof(text, fc.array(part, { maxLength: 4 }), fc.constant(null)),
    name: text,
    tool_call_id: text,
    tool_calls: fc.array(fc.record({ id: text, type: fc.constant("function"), function: fc.record({ name: text, arguments: text }) }), { maxLength: 2 }),
  },
  { requiredKeys: ["role", "content"] },
);
const chatBody = fc.record(
  {
    model: fc.constant("gpt-4o"),
    messages: fc.array(message, { maxLength: 6 }),
    tools: fc.array(fc.record({ type: fc.constant("function"), function: fc.record({ name: text, description: text, parameters: fc.jsonValue() }) }), { maxLength: 2 }),
    response_format: fc.record({ type: fc.constant("json_schema"), json_schema: fc.jsonValue() }),
  },
  { requiredKeys: ["messages"] },
);

describe("promptBound", () => {
  it("bounds the tokenizer count of any text", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        expect(bound({ prompt: t })).toBeGreaterThanOrEqual(await countTokens(t));
        expect(bound({ input: [t, t] })).toBeGreaterThanOrEqual(2 * (await countTokens(t)));
      }),
      { numRuns: 300 },
    );
  });

  it("bounds the estimated prompt of any chat request", async () => {
    await fc.assert(
      fc.asyncProperty(chatBody, async (body) => {
        expect(bound(body)).toBeGreaterThanOrEqual(await countPromptTokens(body));
      }),
      { numRuns: 200 },
    );
  });

  it("counts every byte of text, escaped or not, and token arrays by at least their length", () => {
    expect(bound({ prompt: "é😀" })).toBe(REQUEST_OVERHEAD_BOUND + Buffer.byteLength(JSON.stringify({ prompt: "é😀" })));
    const tokens = Array.from({ length: 1000 }, (_, i) => i);
    expect(bound({ input: tokens })).toBeGreaterThan(1000);
  });

  it("counts each image as a fixed amount, not by its data", () => {
    const withImage = (url: string) => ({ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url } }] }] });
    const data = `data:image/png;base64,${"A".repeat(100_000)}`;
    expect(bound(withImage(data))).toBeLessThan(IMAGE_TOKEN_BOUND + 200);
    expect(bound(withImage(data))).toBeGreaterThanOrEqual(IMAGE_TOKEN_BOUND);
    const anthropic = { messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "A".repeat(50_000) } }] }] };
    expect(bound(anthropic)).toBeLessThan(IMAGE_TOKEN_BOUND + 200);
  });

  it("adds the tool-use overhead when tools are offered, and counts definitions by their bytes", () => {
    const base = { messages: [{ role: "user", content: "hi" }] };
    const tools = { ...base, tools: [{ type: "function", function: { name: "f", parameters: { type: "object", properties: { d: { type: "file" } } } } }] };
    expect(bound(tools)).toBeGreaterThanOrEqual(bound(base) + TOOLS_OVERHEAD_BOUND);
  });

  it("bounds a 600 KB tool definition by its size, however deeply it nests (within the limit)", () => {
    let schema: unknown = { type: "string", description: "x".repeat(600_000) };
    for (let i = 0; i < MAX_DEPTH / 2 - 5; i++) schema = { type: "object", properties: { p: schema } };
    const body = { messages: [{ role: "user", content: "hi" }], tools: [{ type: "function", function: { name: "f", parameters: schema } }] };
    expect(bound(body)).toBeGreaterThan(600_000);
  });

  it("refuses nesting deeper than the limit and flags documents it cannot bound", () => {
    let deep: unknown = "x";
    for (let i = 0; i < MAX_DEPTH + 2; i++) deep = [deep];
    expect(promptBound(1000, { messages: deep })).toMatchObject({ ok: false, code: "invalid_request" });
    for (const part of [{ type: "file", file: { file_id: "f" } }, { type: "input_file", file_id: "f" }, { type: "document", source: {} }]) {
      expect(promptBound(1000, { messages: [{ role: "user", content: [part] }] })).toMatchObject({ ok: true, value: { unbounded: part.type } });
    }
  });

  it("never throws on odd shapes", () => {
    const odd: unknown[] = [
      null, 42, "str", [], { messages: "x" }, { messages: [null, 3, "s", { content: { a: 1 } }] },
      { messages: [{ content: [null, 5, { type: "text" }, { type: "text", text: 7 }] }] }, { prompt: { a: 1 } },
      { input: [null, {}, [null]] }, { tools: 10 },
    ];
    for (const body of odd) {
      const r = promptBound(100, body);
      expect(r.ok && Number.isInteger(r.value.tokens) && r.value.tokens >= 0).toBe(true);
    }
  });
});
