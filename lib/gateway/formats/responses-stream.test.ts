import { describe, expect, it } from "vitest";
import type { Json } from "@/lib/gateway/chat";
import { CHUNK_SIZES, fixtureJson, fixtureText, sseEvents, sseJson } from "@/lib/gateway/fixture-files";
import { chatResponseToResponses, responsesEventUsage, responsesUsage, type ResponsesContext } from "@/lib/gateway/formats/responses-response";
import { ChatToResponsesStream } from "@/lib/gateway/formats/responses-stream";

const ctx: ResponsesContext = { model: "gpt-5-codex", requestId: "req7", createdAt: 1_755_443_394 };
const chunk = (delta: Json, finish: string | null = null) => ({ choices: [{ index: 0, delta, finish_reason: finish }] });

function convert(chunks: unknown[], end: (w: ChatToResponsesStream) => string = (w) => w.end()): Json[] {
  const writer = new ChatToResponsesStream(ctx);
  const text = chunks.map((c) => writer.push(c)).join("") + end(writer);
  return sseEvents(text).map((e) => {
    const data = JSON.parse(e.data) as Json;
    expect(e.event).toBe(data.type);
    return data;
  });
}

const shape = (events: Json[]) => events.map((e) => (e.type === "response.output_item.added" ? `${e.type}:${(e.item as Json).type}` : e.type));

describe("ChatToResponsesStream", () => {
  it("writes a text answer with the same event sequence as OpenAI, numbered from 0", () => {
    const real = sseJson(fixtureText("formats/fixtures/responses-stream-openai.sse")).filter((e) => e.output_index !== 0);
    const ours = convert([chunk({ role: "assistant", content: "" }), ...["Hello", "!", " How", " can", " I", " help", "?"].map((t) => chunk({ content: t })), chunk({}, "stop")]);
    expect(shape(ours)).toEqual(shape(real));
    expect(ours.map((e) => e.sequence_number)).toEqual(ours.map((_, i) => i));
    const done = ours.find((e) => e.type === "response.output_item.done")!;
    expect(done.item).toEqual({
      id: "msg_req7_0",
      type: "message",
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: "Hello! How can I help?", annotations: [], logprobs: [] }],
    });
    expect((ours[0].response as Json).status).toBe("in_progress");
    expect(ours.at(-1)!.response).toMatchObject({ id: "resp_req7", status: "completed", model: "gpt-5-codex", output: [done.item] });
  });

  it("writes reasoning as a summary item carrying its signature, then the message", () => {
    const events = convert(sseJson(fixtureText("formats/fixtures/openai-chat-stream-reasoning.sse"), 7).concat([chunk({ reasoning_signature: "" })]));
    expect(shape(events).slice(0, 4)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added:reasoning",
      "response.reasoning_summary_part.added",
    ]);
    const summary = events.filter((e) => e.type === "response.reasoning_summary_text.delta").map((e) => e.delta).join("");
    expect(summary).toBe("The user asks for 17 × 23. 17×20=340, 17×3=51, total 391.");
    const completed = events.at(-1)!.response as Json;
    expect((completed.output as Json[]).map((i) => i.type)).toEqual(["reasoning", "message"]);
    expect(completed.usage).toEqual({
      input_tokens: 21,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 96,
      output_tokens_details: { reasoning_tokens: 81 },
      total_tokens: 117,
    });
    const signed = convert([chunk({ reasoning_content: "hmm" }), chunk({ reasoning_signature: "sig==" }), chunk({ content: "ok" })]);
    expect(((signed.at(-1)!.response as Json).output as Json[])[0]).toEqual({
      id: "rs_req7_0",
      type: "reasoning",
      summary: [{ type: "summary_text", text: "hmm" }],
      encrypted_content: "sig==",
    });
  });

  it("writes parallel tool calls as function_call items with their arguments, whatever the chunking", () => {
    const text = fixtureText("formats/fixtures/openai-chat-stream-parallel-tools.sse");
    const reference = convert(sseJson(text));
    for (const size of CHUNK_SIZES) expect(convert(sseJson(text, size))).toEqual(reference);
    const added = reference.filter((e) => e.type === "response.output_item.added").map((e) => e.item);
    expect(added).toEqual([
      { id: "fc_req7_0", type: "function_call", status: "in_progress", arguments: "", call_id: "call_Kx81VqIb0Qz8cFZ6u2pWm1aa", name: "get_weather" },
      { id: "fc_req7_1", type: "function_call", status: "in_progress", arguments: "", call_id: "call_T3mQ0yJ6nB2vL9dR4sE7hX5c", name: "get_time" },
    ]);
    const argsDone = reference.filter((e) => e.type === "response.function_call_arguments.done");
    expect(argsDone.map((e) => [e.item_id, e.name, JSON.parse(e.arguments as string)])).toEqual([
      ["fc_req7_0", "get_weather", { city: "Paris", unit: "c" }],
      ["fc_req7_1", "get_time", { timezone: "Europe/Paris" }],
    ]);
    for (const e of reference.filter((x) => x.type === "response.function_call_arguments.delta")) {
      expect(e.item_id).toBe(`fc_req7_${e.output_index as number}`);
    }
    const completed = reference.at(-1)!;
    expect(completed.type).toBe("response.completed");
    expect((completed.response as Json).usage).toMatchObject({ input_tokens: 118, input_tokens_details: { cached_tokens: 64 }, output_tokens: 52 });
  });

  it("streams a refusal as output text and ends incomplete", () => {
    const events = convert([chunk({ refusal: "No." }, "content_filter")]);
    expect(events.find((e) => e.type === "response.output_text.delta")).toMatchObject({ delta: "No." });
    expect(events.at(-1)).toMatchObject({ type: "response.incomplete", response: { incomplete_details: { reason: "content_filter" } } });
  });

  it("ends a length-limited answer with response.incomplete", () => {
    const events = convert([chunk({ content: "cut" }, "length")], (w) => w.end({ promptTokens: 3, completionTokens: 1 }));
    expect(events.at(-1)).toMatchObject({
      type: "response.incomplete",
      response: { status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, usage: { input_tokens: 3, output_tokens: 1 } },
    });
  });

  it("ends a failed stream with an error event and response.failed, then writes nothing", () => {
    const writer = new ChatToResponsesStream(ctx);
    writer.push(chunk({ content: "par" }));
    const events = sseJson(writer.fail(502, "upstream_error", "The upstream closed the connection."));
    expect(events.map((e) => e.type)).toEqual(["error", "response.failed"]);
    expect(events[0]).toMatchObject({ code: "upstream_error", message: "The upstream closed the connection.", param: null });
    expect(events[1].response).toMatchObject({ status: "failed", error: { code: "upstream_error" } });
    expect(writer.end()).toBe("");
    expect(writer.push(chunk({ content: "x" }))).toBe("");
  });
});

describe("chatResponseToResponses", () => {
  it("writes text and parallel tool calls as output items with usage, echoing the request's settings", () => {
    const chat = fixtureJson("formats/fixtures/openai-chat-completion-tools.json");
    const out = chatResponseToResponses(chat, { ...ctx, request: { instructions: "Be brief.", store: false, tools: [] } });
    expect(out).toMatchObject({ id: "resp_req7", object: "response", created_at: 1_755_443_394, status: "completed", instructions: "Be brief.", store: false });
    expect(out.output).toEqual([
      { id: "msg_req7_0", type: "message", status: "completed", role: "assistant", content: [{ type: "output_text", text: "Checking both for you.", annotations: [], logprobs: [] }] },
      { id: "fc_req7_1", type: "function_call", status: "completed", arguments: '{"city":"Paris","unit":"c"}', call_id: "call_Kx81VqIb0Qz8cFZ6u2pWm1aa", name: "get_weather" },
      { id: "fc_req7_2", type: "function_call", status: "completed", arguments: '{"timezone":"Europe/Paris"}', call_id: "call_T3mQ0yJ6nB2vL9dR4sE7hX5c", name: "get_time" },
    ]);
    expect(out.usage).toEqual({ input_tokens: 118, input_tokens_details: { cached_tokens: 64 }, output_tokens: 57, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 175 });
  });
});

describe("responsesUsage", () => {
  it("reads usage from response.completed, including cached and reasoning tokens", () => {
    const events = sseJson(fixtureText("formats/fixtures/responses-stream-openai.sse"), 5);
    expect(events.map(responsesEventUsage).filter(Boolean)).toEqual([{ promptTokens: 1843, completionTokens: 75, cachedTokens: 1536, reasoningTokens: 64 }]);
  });

  it("answers null for missing or invalid totals", () => {
    expect(responsesUsage({ input_tokens: 5 })).toBeNull();
    expect(responsesUsage({ input_tokens: -5, output_tokens: 1 })).toBeNull();
    expect(responsesUsage({ input_tokens: 5, output_tokens: 2 ** 53 })).toBeNull();
    expect(responsesUsage({ input_tokens: 5, output_tokens: 1, input_tokens_details: { cached_tokens: 9 } })).toEqual({ promptTokens: 5, completionTokens: 1, cachedTokens: 5 });
    expect(responsesEventUsage({ type: "response.output_text.delta", response: { usage: { input_tokens: 1, output_tokens: 1 } } })).toBeNull();
  });
});
