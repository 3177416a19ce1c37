import { describe, expect, it } from "vitest";
import { countChatPromptTokens, countCompletionText, countPromptTokens, countTokens } from "./estimate";

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
