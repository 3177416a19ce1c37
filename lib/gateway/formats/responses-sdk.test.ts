import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "@/lib/gateway/chat";
import { fixtureJson, fixtureText, serveReplies, sseJson } from "@/lib/gateway/fixture-files";
import { chatResponseToResponses, type ResponsesContext } from "@/lib/gateway/formats/responses-response";
import { ChatToResponsesStream } from "@/lib/gateway/formats/responses-stream";

// The official OpenAI SDK reads what the converters write, over HTTP, as Codex-like clients do.

type Reply = { status?: number; contentType: string; text: string };
let next: (body: Json) => Reply;
let server: Awaited<ReturnType<typeof serveReplies>>;
let client: OpenAI;

beforeAll(async () => {
  server = await serveReplies((body) => next(body));
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "sk-test", maxRetries: 0 });
});
afterAll(() => server.close());

const ctx = (request: Json): ResponsesContext => ({ model: "claude-via-gateway", requestId: "req9", createdAt: 1_755_443_394, request });

function streamOf(fixture: string, finish: (w: ChatToResponsesStream) => string = (w) => w.end()): (body: Json) => Reply {
  return (body) => {
    const writer = new ChatToResponsesStream(ctx(body));
    const chunks = sseJson(fixtureText(`formats/fixtures/${fixture}`), 11);
    return { contentType: "text/event-stream", text: chunks.map((c) => writer.push(c)).join("") + finish(writer) };
  };
}

const params = { model: "claude-via-gateway", input: "What is 17 × 23?", store: false };

describe("the OpenAI SDK reading converted Responses output", () => {
  it("assembles a streamed answer with reasoning summary and text", async () => {
    next = streamOf("openai-chat-stream-reasoning.sse");
    const summaries: string[] = [];
    const stream = client.responses.stream(params).on("response.reasoning_summary_text.delta", (e) => summaries.push(e.delta));
    const response = await stream.finalResponse();
    expect(response.output.map((i) => i.type)).toEqual(["reasoning", "message"]);
    // The stream helper fills output_text only for parsed formats; the message item holds the text.
    expect(response.output[1]).toMatchObject({ role: "assistant", content: [{ type: "output_text", text: "17 × 23 = **391**." }] });
    expect(summaries.join("")).toBe("The user asks for 17 × 23. 17×20=340, 17×3=51, total 391.");
    expect(response.usage).toMatchObject({ input_tokens: 21, output_tokens: 96, output_tokens_details: { reasoning_tokens: 81 } });
  });

  it("assembles parallel function calls whose arguments parse", async () => {
    next = streamOf("openai-chat-stream-parallel-tools.sse");
    const events: string[] = [];
    const stream = await client.responses.create({ ...params, stream: true });
    let completed: OpenAI.Responses.Response | null = null;
    for await (const event of stream) {
      events.push(event.type);
      if (event.type === "response.completed") completed = event.response;
    }
    expect(events[0]).toBe("response.created");
    const calls = completed!.output.filter((i): i is OpenAI.Responses.ResponseFunctionToolCall => i.type === "function_call");
    expect(calls.map((c) => [c.call_id, c.name, JSON.parse(c.arguments)])).toEqual([
      ["call_Kx81VqIb0Qz8cFZ6u2pWm1aa", "get_weather", { city: "Paris", unit: "c" }],
      ["call_T3mQ0yJ6nB2vL9dR4sE7hX5c", "get_time", { timezone: "Europe/Paris" }],
    ]);
  });

  it("keeps the stream helper's own snapshot consistent with the deltas it saw", async () => {
    next = streamOf("openai-chat-stream-parallel-tools.sse");
    const stream = client.responses.stream(params);
    const snapshots: string[] = [];
    stream.on("response.function_call_arguments.delta", (e) => snapshots.push(e.snapshot));
    await stream.done();
    expect(JSON.parse(snapshots.at(-1)!)).toEqual({ timezone: "Europe/Paris" });
  });

  it("throws the error of a failed stream", async () => {
    next = streamOf("openai-chat-stream-reasoning.sse", (w) => w.fail(502, "upstream_error", "The upstream closed the connection."));
    const stream = await client.responses.create({ ...params, stream: true });
    const err = await (async () => {
      for await (const _event of stream);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as Error).message).toContain("The upstream closed the connection.");
  });

  it("reads a converted non-streamed response", async () => {
    next = (body) => ({
      contentType: "application/json",
      text: JSON.stringify(chatResponseToResponses(fixtureJson("formats/fixtures/openai-chat-completion-tools.json"), ctx(body))),
    });
    const response = await client.responses.create({ ...params, instructions: "Be brief." });
    expect(response.output_text).toBe("Checking both for you.");
    expect(response.instructions).toBe("Be brief.");
    expect(response.output.map((i) => i.type)).toEqual(["message", "function_call", "function_call"]);
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(64);
  });
});
