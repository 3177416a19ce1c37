import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  IMAGE_TOKEN_BOUND,
  countChatPromptTokens,
  countCompletionText,
  countPromptTokens,
  countTokens,
  promptUpperBound,
} from "./estimate";

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

describe("promptUpperBound", () => {
  it("bounds the tokenizer count of any text", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        expect(promptUpperBound({ prompt: t }, "completions")).toBeGreaterThanOrEqual(await countTokens(t));
        expect(promptUpperBound({ input: [t, t] }, "embeddings")).toBeGreaterThanOrEqual(2 * (await countTokens(t)));
      }),
      { numRuns: 300 },
    );
  });

  it("bounds the estimated prompt of any chat request", async () => {
    await fc.assert(
      fc.asyncProperty(chatBody, async (body) => {
        expect(promptUpperBound(body, "chat")).toBeGreaterThanOrEqual(await countChatPromptTokens(body));
      }),
      { numRuns: 200 },
    );
  });

  it("counts token arrays by their length", () => {
    expect(promptUpperBound({ input: [1, 2, 3] }, "embeddings")).toBe(16 + 3);
    expect(promptUpperBound({ input: [[1, 2], [3]] }, "embeddings")).toBe(16 + 3);
    expect(promptUpperBound({ prompt: [[1, 2, 3, 4]] }, "completions")).toBe(16 + 4);
  });

  it("counts multi-byte text by bytes", () => {
    expect(promptUpperBound({ prompt: "é😀" }, "completions")).toBe(16 + 2 + 4);
    expect(promptUpperBound({ prompt: "ab", suffix: "cd" }, "completions")).toBe(16 + 4);
  });

  it("counts each image as a fixed amount, not by its data", () => {
    const withImage = (url: string) => ({
      messages: [{ role: "user", content: [{ type: "image_url", image_url: { url } }] }],
    });
    const small = promptUpperBound(withImage("https://x/y.png"), "chat");
    expect(promptUpperBound(withImage(`data:image/png;base64,${"A".repeat(100_000)}`), "chat")).toBe(small);
    expect(small).toBeGreaterThanOrEqual(IMAGE_TOKEN_BOUND);
  });

  it("grows with tools, tool calls and names", () => {
    const base = { messages: [{ role: "user", content: "hi" }] };
    const n = promptUpperBound(base, "chat");
    expect(promptUpperBound({ ...base, tools: [{ type: "function", function: { name: "f" } }] }, "chat")).toBeGreaterThan(n);
    expect(promptUpperBound({ messages: [{ role: "user", content: "hi", name: "bob" }] }, "chat")).toBeGreaterThan(n);
    const call = { role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] };
    expect(promptUpperBound({ messages: [...base.messages, call] }, "chat")).toBeGreaterThan(n + 8);
  });

  it("never throws on odd shapes", () => {
    const odd: unknown[] = [
      null, undefined, 42, "str", [], { messages: "x" }, { messages: [null, 3, "s", { content: { a: 1 } }] },
      { messages: [{ content: [null, 5, { type: "text" }, { type: "text", text: 7 }] }] }, { prompt: { a: 1 } },
      { input: [null, {}, [null]] }, { tools: 10n },
    ];
    for (const body of odd) {
      for (const ep of ["chat", "completions", "embeddings"] as const) {
        const n = promptUpperBound(body, ep);
        expect(Number.isInteger(n) && n >= 0).toBe(true);
      }
    }
  });
});

describe("token counts", () => {
  it("counts o200k_base tokens", async () => {
    expect(await countTokens("")).toBe(0);
    expect(await countTokens("Hello world")).toBe(2);
    expect(await countCompletionText("Hello world")).toBe(2);
  });

  it("treats special-token text in user input as plain text", async () => {
    expect(await countTokens("<|endoftext|>")).toBeGreaterThan(1);
  });

  it("counts a chat prompt with OpenAI's per-message recipe", async () => {
    // 3 priming + per message: 3 + role + content
    const body = { messages: [{ role: "user", content: "Hello world" }] };
    expect(await countChatPromptTokens(body)).toBe(3 + 3 + 1 + 2);
    const named = { messages: [{ role: "user", content: "Hello world", name: "bob" }] };
    expect(await countChatPromptTokens(named)).toBe(3 + 3 + 1 + 2 + 1 + (await countTokens("bob")));
  });

  it("counts completions and embeddings inputs", async () => {
    expect(await countPromptTokens({ prompt: ["Hello world", [1, 2, 3]] }, "completions")).toBe(5);
    expect(await countPromptTokens({ input: "Hello world" }, "embeddings")).toBe(2);
    expect(await countPromptTokens(null, "embeddings")).toBe(0);
    expect(await countPromptTokens("x", "chat")).toBe(3);
  });
});
