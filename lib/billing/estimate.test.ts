import { describe, expect, it } from "vitest";
import { countCompletionText, countPromptTokens, countTokens, splitForCounting } from "./estimate";

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
    expect(await countPromptTokens(body)).toBe(3 + 3 + 1 + 2);
    const named = { messages: [{ role: "user", content: "Hello world", name: "bob" }] };
    expect(await countPromptTokens(named)).toBe(3 + 3 + 1 + 2 + 1 + (await countTokens("bob")));
  });

  it("counts completions and embeddings inputs", async () => {
    expect(await countPromptTokens({ prompt: ["Hello world", [1, 2, 3]] })).toBe(5);
    expect(await countPromptTokens({ input: "Hello world" })).toBe(2);
    expect(await countPromptTokens(null)).toBe(0);
    expect(await countPromptTokens("x")).toBe(0);
  });
});

describe("counting stays linear", () => {
  it("cuts long runs without whitespace into short pieces and keeps the rest whole", () => {
    expect(splitForCounting("short text")).toEqual(["short text"]);
    const run = "x".repeat(1000);
    const pieces = splitForCounting(`a b ${run} c`);
    expect(pieces.join("")).toBe(`a b ${run} c`);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(100 + 4);
  });

  it("counts a 1 MB run without whitespace in seconds, not the minutes a quadratic count takes", async () => {
    await countTokens("warm up");
    const started = performance.now();
    expect(await countTokens("ab".repeat(500_000))).toBeGreaterThan(1000);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
