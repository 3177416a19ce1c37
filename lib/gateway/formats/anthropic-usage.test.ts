import { describe, expect, it } from "vitest";
import { CHUNK_SIZES, fixtureJson, fixtureText, sseEvents } from "@/lib/gateway/fixture-files";
import { AnthropicStreamWatcher, anthropicUsage } from "@/lib/gateway/formats/anthropic-usage";

describe("anthropicUsage", () => {
  it("adds cache reads and writes to input_tokens, splitting 5-minute and 1-hour writes", () => {
    const message = fixtureJson("providers/fixtures/anthropic-message-thinking-tools.json");
    expect(anthropicUsage(message.usage)).toEqual({
      promptTokens: 12 + 24000 + 1800,
      completionTokens: 164,
      cachedTokens: 24000,
      cacheWriteTokens: 1500,
      cacheWrite1hTokens: 300,
    });
  });

  it("counts every write as a 5-minute one without the split, and the split alone when the total is missing", () => {
    expect(anthropicUsage({ input_tokens: 10, output_tokens: 2, cache_creation_input_tokens: 40, cache_read_input_tokens: null })).toEqual({
      promptTokens: 50,
      completionTokens: 2,
      cacheWriteTokens: 40,
    });
    const splitOnly = { input_tokens: 1, output_tokens: 1, cache_creation: { ephemeral_5m_input_tokens: 3, ephemeral_1h_input_tokens: 4 } };
    expect(anthropicUsage(splitOnly)).toEqual({ promptTokens: 8, completionTokens: 1, cacheWriteTokens: 3, cacheWrite1hTokens: 4 });
  });

  it("reads thinking tokens as reasoning", () => {
    expect(anthropicUsage({ input_tokens: 5, output_tokens: 90, output_tokens_details: { thinking_tokens: 70 } })).toEqual({
      promptTokens: 5,
      completionTokens: 90,
      reasoningTokens: 70,
    });
  });

  it("answers null for missing or invalid totals and ignores invalid optional counts", () => {
    for (const bad of [-1, 1.5, "10", null, Number.NaN, Infinity, 2 ** 53]) {
      expect(anthropicUsage({ input_tokens: bad, output_tokens: 1 })).toBeNull();
      expect(anthropicUsage({ input_tokens: 1, output_tokens: bad })).toBeNull();
      expect(anthropicUsage({ input_tokens: 1, output_tokens: 1, cache_read_input_tokens: bad })).toEqual({ promptTokens: 1, completionTokens: 1 });
    }
    expect(anthropicUsage(undefined)).toBeNull();
    expect(anthropicUsage([1, 2])).toBeNull();
    // Each count is safe but their sum is not: never more than 2^53.
    const huge = Number.MAX_SAFE_INTEGER - 1;
    expect(anthropicUsage({ input_tokens: huge, output_tokens: 1, cache_read_input_tokens: huge })).toBeNull();
  });
});

describe("AnthropicStreamWatcher", () => {
  it("merges message_start's input and cache counts with message_delta's output, however the stream is cut", () => {
    const text = fixtureText("providers/fixtures/anthropic-stream-thinking-tools.sse");
    for (const size of CHUNK_SIZES) {
      const watcher = new AnthropicStreamWatcher();
      for (const ev of sseEvents(text, size)) watcher.push(ev);
      expect(watcher.stopped).toBe(true);
      expect(watcher.error).toBeNull();
      expect(watcher.usage).toEqual({
        promptTokens: 25812,
        completionTokens: 164,
        cachedTokens: 24000,
        cacheWriteTokens: 1500,
        cacheWrite1hTokens: 300,
      });
    }
  });

  it("lets a message_delta that carries input and cache totals win over message_start", () => {
    const watcher = new AnthropicStreamWatcher();
    const start = { type: "message_start", message: { usage: { input_tokens: 3, cache_read_input_tokens: 0, output_tokens: 1 } } };
    const delta = { type: "message_delta", delta: {}, usage: { input_tokens: 7, cache_read_input_tokens: 100, cache_creation_input_tokens: null, output_tokens: 9 } };
    watcher.push({ event: "message_start", data: JSON.stringify(start) });
    watcher.push({ event: "message_delta", data: JSON.stringify(delta) });
    expect(watcher.usage).toEqual({ promptTokens: 107, completionTokens: 9, cachedTokens: 100 });
  });

  it("records an in-stream error and that the message never stopped", () => {
    const watcher = new AnthropicStreamWatcher();
    for (const ev of sseEvents(fixtureText("providers/fixtures/anthropic-stream-overloaded.sse"), 5)) watcher.push(ev);
    expect(watcher.error).toEqual({ type: "overloaded_error", message: "Overloaded" });
    expect(watcher.stopped).toBe(false);
    expect(watcher.usage).toEqual({ promptTokens: 25, completionTokens: 1 });
  });

  it("ignores data that is not JSON", () => {
    const watcher = new AnthropicStreamWatcher();
    expect(watcher.push({ event: "ping", data: "not json" })).toBeNull();
    expect(watcher.usage).toBeNull();
  });
});
