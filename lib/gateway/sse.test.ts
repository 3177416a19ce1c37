import { describe, expect, it } from "vitest";
import { SseRelay } from "@/lib/gateway/sse";

const enc = new TextEncoder();
const dec = new TextDecoder();
const event = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;
const chunk = (content: string) => ({ id: "x", model: "up-model", choices: [{ index: 0, delta: { content } }] });
const usage = { id: "x", model: "up-model", choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 1 } } };

function feed(relay: SseRelay, text: string, splitAt: number[]) {
  let out = "";
  let last = 0;
  for (const at of [...splitAt, text.length]) {
    const part = relay.push(enc.encode(text.slice(last, at)));
    if (part) out += dec.decode(part);
    last = at;
  }
  const tail = relay.end();
  return out + (tail ? dec.decode(tail) : "");
}

describe("SseRelay", () => {
  const stream = event(chunk("Hel")) + event(chunk("lo")) + event(usage) + "data: [DONE]\n\n";

  it("forwards events byte for byte, however the bytes are split, and captures usage and text", () => {
    for (const splits of [[], [1], [7, 30, 31], Array.from({ length: stream.length - 1 }, (_, i) => i + 1)]) {
      const relay = new SseRelay({ clientWantsUsage: true, clientModel: null, secrets: [] });
      expect(feed(relay, stream, splits)).toBe(stream);
      expect(relay.usage).toEqual({ promptTokens: 5, completionTokens: 2, cachedTokens: 1 });
      expect(relay.text).toBe("Hello");
    }
  });

  it("drops the usage-only chunk the client did not ask for, but still counts it", () => {
    const relay = new SseRelay({ clientWantsUsage: false, clientModel: null, secrets: [] });
    const out = feed(relay, stream, [10]);
    expect(out).toBe(event(chunk("Hel")) + event(chunk("lo")) + "data: [DONE]\n\n");
    expect(relay.usage?.promptTokens).toBe(5);
  });

  it("strips usage from a content chunk the client did not ask usage for", () => {
    const relay = new SseRelay({ clientWantsUsage: false, clientModel: null, secrets: [] });
    const combined = { ...chunk("!"), usage: usage.usage };
    const out = feed(relay, event(combined), []);
    expect(JSON.parse(out.slice(6))).toEqual(chunk("!"));
  });

  it("restores the client's model name when the channel mapped it", () => {
    const relay = new SseRelay({ clientWantsUsage: true, clientModel: "alias", secrets: [] });
    const out = feed(relay, event(chunk("a")), []);
    expect(JSON.parse(out.slice(6)).model).toBe("alias");
  });

  it("handles CRLF separators and comments, and remembers an in-stream error", () => {
    const relay = new SseRelay({ clientWantsUsage: true, clientModel: null, secrets: [] });
    const text = ": keep-alive\r\n\r\n" + `data: ${JSON.stringify({ error: { message: "boom" } })}\r\n\r\n`;
    expect(feed(relay, text, [3])).toContain("keep-alive");
    expect(relay.upstreamError).toBe("boom");
  });
});
