import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SseParser, formatSse, formatSseJson, type SseEvent } from "@/lib/gateway/sse-parse";

const enc = new TextEncoder();

/** Parses `text` fed as bytes cut at the given offsets. */
function parseSplit(text: string, cuts: number[]): SseEvent[] {
  const bytes = enc.encode(text);
  const parser = new SseParser();
  const out: SseEvent[] = [];
  let last = 0;
  for (const at of [...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
    out.push(...parser.push(bytes.subarray(last, at)));
    last = at;
  }
  return [...out, ...parser.end()];
}

describe("SseParser", () => {
  it("reads named events, comments and multi-line data", () => {
    const text = ": keep-alive\nevent: message_start\ndata: {\"a\":1}\n\nevent: ping\ndata: {}\n\ndata: line one\ndata:line two\n\n";
    expect(parseSplit(text, [])).toEqual([
      { event: "message_start", data: '{"a":1}' },
      { event: "ping", data: "{}" },
      { event: null, data: "line one\nline two" },
    ]);
  });

  it("accepts LF, CR and CRLF line ends, even when a CRLF is split between chunks", () => {
    const text = "event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\n";
    const expected = [
      { event: "a", data: "1" },
      { event: "b", data: "2" },
      { event: null, data: "3" },
    ];
    for (let cut = 0; cut <= text.length; cut++) expect(parseSplit(text, [cut])).toEqual(expected);
  });

  it("gives the same events however multi-byte text is cut into chunks", () => {
    const text = "event: delta\ndata: {\"text\":\"héllo 👋 世界\"}\n\ndata: [DONE]\n\n";
    const whole = parseSplit(text, []);
    expect(whole[0].data).toBe('{"text":"héllo 👋 世界"}');
    const len = enc.encode(text).length;
    for (let a = 1; a < len; a++) expect(parseSplit(text, [a, a + 3])).toEqual(whole);
  });

  it("drops events without data and keeps an empty data line", () => {
    expect(parseSplit("event: lonely\n\ndata\n\ndata:\n\n", [])).toEqual([
      { event: null, data: "" },
      { event: null, data: "" },
    ]);
  });

  it("ignores id and retry fields and strips only one space after the colon", () => {
    expect(parseSplit("id: 7\nretry: 10\ndata:  two spaces\n\n", [])).toEqual([{ event: null, data: " two spaces" }]);
  });

  it("strips a leading byte-order mark and delivers an unterminated last event at the end", () => {
    const parser = new SseParser();
    expect(parser.push("\ufeffdata: x\n\ndata: tail")).toEqual([{ event: null, data: "x" }]);
    expect(parser.end()).toEqual([{ event: null, data: "tail" }]);
  });

  it("stays linear on a huge line delivered in small chunks", () => {
    const parser = new SseParser();
    const piece = "x".repeat(64);
    const started = performance.now();
    parser.push("data: ");
    for (let i = 0; i < 65_536; i++) parser.push(piece);
    const events = parser.push("\n\n");
    expect(events[0].data.length).toBe(64 * 65_536);
    // A parser that re-scans its buffer on every chunk needs minutes here.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("parses what formatSse writes, for any events and any chunking", () => {
    const name = fc.option(fc.stringMatching(/^[a-z_.]{1,20}$/), { nil: null });
    const payload = fc.string({ unit: fc.constantFrom("a", "é", "👋", "\n", "\r", ":", " ", '"'), maxLength: 60 });
    fc.assert(
      fc.property(fc.array(fc.tuple(name, payload), { maxLength: 6 }), fc.array(fc.nat(400), { maxLength: 8 }), (events, cuts) => {
        const text = events.map(([e, d]) => formatSse(e, d)).join("");
        const expected = events.map(([e, d]) => ({ event: e, data: d.replace(/\r\n|\r/g, "\n") }));
        expect(parseSplit(text, cuts)).toEqual(expected);
      }),
    );
  });
});

describe("formatSse", () => {
  it("writes the event line, one data line per line and a blank line", () => {
    expect(formatSse("message_stop", '{"type":"message_stop"}')).toBe('event: message_stop\ndata: {"type":"message_stop"}\n\n');
    expect(formatSse(null, "a\nb")).toBe("data: a\ndata: b\n\n");
    expect(formatSseJson("x", { a: "b\nc" })).toBe('event: x\ndata: {"a":"b\\nc"}\n\n');
  });
});
