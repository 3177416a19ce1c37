import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SseParser } from "../../lib/gateway/sse-parse";
import { startGeminiMock, type GeminiMock } from "./gemini";
import { SKIP_SIGNATURE } from "./gemini-replies";

type Json = Record<string, unknown>;
let mock: GeminiMock;

beforeAll(async () => {
  mock = await startGeminiMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const MODEL = "gemini-2.5-flash";
const user = (text: string) => ({ role: "user", parts: [{ text }] });

async function call(method: string, body: unknown, opts: { key?: string | null; query?: string; model?: string } = {}) {
  const key = opts.key === undefined ? "mock-key" : opts.key;
  return fetch(`${mock.url}/models/${opts.model ?? MODEL}:${method}${opts.query ?? ""}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { "x-goog-api-key": key } : {}) },
    body: JSON.stringify(body),
  });
}

async function generate(body: unknown): Promise<Json> {
  const res = await call("generateContent", body);
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

const partsOf = (res: Json) => ((res.candidates as Json[])[0].content as Json).parts as Json[];

async function streamed(body: unknown): Promise<{ raw: string; chunks: Json[] }> {
  const res = await call("streamGenerateContent", body, { query: "?alt=sse" });
  const raw = await res.text();
  return { raw, chunks: new SseParser().push(raw).map((e) => JSON.parse(e.data) as Json) };
}

const tools = [
  {
    functionDeclarations: [
      { name: "get_weather", parametersJsonSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
      { name: "get_time", parameters: { type: "OBJECT", properties: { tz: { type: "STRING", enum: ["UTC"] } }, required: ["tz"] } },
    ],
  },
];

describe("Gemini mock", () => {
  it("answers with real prompt counts, thought tokens as Gemini 2.5 reports them, and thoughts when asked", async () => {
    const body = { contents: [user("What is the capital of France? Please answer briefly and precisely.")], systemInstruction: { parts: [{ text: "Be terse." }] } };
    const res = await generate(body);
    expect(partsOf(res)).toEqual([{ text: "Hello from mock: What is the capital of France? Please an" }]);
    const { totalTokens } = (await (await call("countTokens", body)).json()) as { totalTokens: number };
    const usage = res.usageMetadata as Json;
    expect(usage).toMatchObject({ promptTokenCount: totalTokens, thoughtsTokenCount: expect.any(Number), candidatesTokenCount: expect.any(Number) });
    expect(usage.totalTokenCount).toBe(totalTokens + (usage.candidatesTokenCount as number) + (usage.thoughtsTokenCount as number));
    expect(res).toMatchObject({ modelVersion: MODEL, responseId: expect.any(String) });
    const thoughtful = await generate({ ...body, generationConfig: { thinkingConfig: { includeThoughts: true } } });
    expect(partsOf(thoughtful)[0]).toEqual({ text: "Thinking about: What is the capital of France? Please an", thought: true });
    const quick = await generate({ ...body, generationConfig: { thinkingConfig: { thinkingBudget: 0 } } });
    expect((quick.usageMetadata as Json).thoughtsTokenCount).toBeUndefined();
  });

  it("streams CRLF-framed events that add up to the same answer, usage complete only at the end", async () => {
    const body = { contents: [user("stream this please")] };
    const plain = await generate(body);
    const { raw, chunks } = await streamed(body);
    expect(raw).toContain("}\r\n\r\ndata: ");
    expect(chunks.map((c) => partsOf(c).map((p) => p.text).join("")).join("")).toBe(partsOf(plain)[0].text);
    expect(chunks.length).toBeGreaterThan(3);
    expect((chunks.at(-1)!.candidates as Json[])[0].finishReason).toBe("STOP");
    expect(chunks.at(-1)!.usageMetadata).toEqual(plain.usageMetadata);
    expect(chunks[0].usageMetadata).toEqual({ promptTokenCount: (plain.usageMetadata as Json).promptTokenCount, totalTokenCount: expect.any(Number) });
    const array = (await (await call("streamGenerateContent", body)).json()) as Json[];
    expect(array).toHaveLength(chunks.length);
  });

  it("calls every declared function at once, signing the first call, and checks the signature comes back", async () => {
    const first = await generate({ contents: [user("Paris weather")], tools });
    const calls = partsOf(first);
    expect(calls).toEqual([
      { functionCall: { name: "get_weather", args: { city: "Paris weather" } }, thoughtSignature: expect.any(String) },
      { functionCall: { name: "get_time", args: { tz: "UTC" } } },
    ]);
    const responses = { role: "user", parts: calls.map((c) => ({ functionResponse: { name: (c.functionCall as Json).name, response: { ok: 1 } } })) };
    const next = (model: Json[], answers = responses) => call("generateContent", { contents: [user("Paris weather"), { role: "model", parts: model }, answers], tools });
    const second = (await (await next(calls)).json()) as Json;
    expect(partsOf(second)).toEqual([{ text: 'Hello from mock: tool results: {"ok":1} {"ok":1}' }]);
    const unsigned = calls.map(({ thoughtSignature: _s, ...rest }) => rest);
    const missing = await next(unsigned);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: 400, status: "INVALID_ARGUMENT", message: expect.stringContaining("thought_signature") } });
    expect((await next([{ ...unsigned[0], thoughtSignature: SKIP_SIGNATURE }, unsigned[1]])).status).toBe(200);
    expect((await next([{ ...unsigned[0], thoughtSignature: "forged" }, unsigned[1]])).status).toBe(400);
    expect((await next(calls, { role: "user", parts: responses.parts.slice(0, 1) })).status).toBe(400);
    const only = await generate({ contents: [user("x")], tools, toolConfig: { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_time"] } } });
    expect(partsOf(only).map((p) => (p.functionCall as Json).name)).toEqual(["get_time"]);
    const none = await generate({ contents: [user("x")], tools, toolConfig: { functionCallingConfig: { mode: "NONE" } } });
    expect(partsOf(none)[0].text).toBe("Hello from mock: x");
    const { chunks } = await streamed({ contents: [user("Paris weather")], tools });
    expect(chunks.flatMap(partsOf)).toEqual(calls);
  });

  it("reports cached content tokens set through the control endpoint", async () => {
    await fetch(mock.url.replace(/\/v1beta$/, "/__mock/cache"), { method: "POST", body: JSON.stringify({ cached: 4 }) });
    const res = await generate({ contents: [user("cache me please, this is a prompt")] });
    expect((res.usageMetadata as Json).cachedContentTokenCount).toBe(4);
    mock.setCachedTokens(null);
    expect(((await generate({ contents: [user("x")] })).usageMetadata as Json).cachedContentTokenCount).toBeUndefined();
  });

  it("stops at maxOutputTokens and at stop sequences", async () => {
    const cut = await generate({ contents: [user("one two three")], generationConfig: { maxOutputTokens: 3, thinkingConfig: { thinkingBudget: 0 } } });
    expect((cut.candidates as Json[])[0]).toMatchObject({ finishReason: "MAX_TOKENS", content: { parts: [{ text: "Hello from mock" }] } });
    expect((cut.usageMetadata as Json).candidatesTokenCount).toBe(3);
    const stopped = await generate({ contents: [user("one two three")], generationConfig: { stopSequences: ["two"] } });
    expect(partsOf(stopped)[0].text).toBe("Hello from mock: one ");
  });

  it("checks keys as Google does and lists models", async () => {
    expect((await call("generateContent", { contents: [user("x")] }, { key: null })).status).toBe(403);
    const wrong = await call("generateContent", { contents: [user("x")] }, { key: "nope" });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { status: "INVALID_ARGUMENT", message: expect.stringContaining("API key not valid") } });
    const viaQuery = await fetch(`${mock.url}/models/${MODEL}:generateContent?key=mock-key`, { method: "POST", body: JSON.stringify({ contents: [user("x")] }) });
    expect(viaQuery.status).toBe(200);
    const list = (await (await fetch(`${mock.url}/models`, { headers: { "x-goog-api-key": "mock-key" } })).json()) as { models: Json[] };
    expect(list.models.map((m) => m.name)).toContain("models/gemini-2.5-flash");
    expect((await call("generateContent", { contents: [] })).status).toBe(400);
  });
});

describe("Gemini mock faults", () => {
  it("answers injected statuses in Google's error shape", async () => {
    mock.setFault({ type: "status", status: 429, message: "Resource has been exhausted", times: 1 });
    const res = await call("generateContent", { contents: [user("x")] });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ error: { code: 429, message: "Resource has been exhausted", status: "RESOURCE_EXHAUSTED" } });
    expect((await call("generateContent", { contents: [user("x")] })).status).toBe(200);
  });

  it("sends an UNAVAILABLE error event mid-stream, and can leave usage out", async () => {
    mock.setFault({ type: "stream_error", afterChunks: 2, times: 1 });
    const { chunks } = await streamed({ contents: [user("a b c d e")] });
    expect(chunks).toHaveLength(3);
    expect(chunks[2]).toEqual({ error: { code: 503, message: "The model is overloaded. Please try again later.", status: "UNAVAILABLE" } });
    mock.setFault({ type: "no_usage", times: 1 });
    expect(await generate({ contents: [user("x")] })).not.toHaveProperty("usageMetadata");
  });
});
