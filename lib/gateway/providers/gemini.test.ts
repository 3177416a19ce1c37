import { describe, expect, it } from "vitest";
import type { Json } from "@/lib/gateway/chat";
import { fixtureJson } from "@/lib/gateway/fixture-files";
import { SKIP_SIGNATURE, chatRequestToGemini, geminiHeaders, geminiUrl } from "@/lib/gateway/providers/gemini";
import { geminiResponseToChat } from "@/lib/gateway/providers/gemini-response";

const chatRequest = fixtureJson("providers/fixtures/chat-request-tools-images.json");

function geminiOf(chat: unknown): Json {
  const out = chatRequestToGemini(chat);
  if (!out.ok) throw new Error(`${out.param}: ${out.message}`);
  return out.value;
}

const ask = (extra: Json = {}) => ({ model: "m", messages: [{ role: "user", content: "Hi" }], ...extra });

describe("chatRequestToGemini", () => {
  it("converts an OpenAI SDK request with images, parallel tool calls, tool results and a late developer message", () => {
    const body = geminiOf(chatRequest);
    expect(body.systemInstruction).toEqual({ parts: [{ text: "You are a weather assistant." }, { text: "Answer in French." }] });
    expect(body.contents).toEqual([
      {
        role: "user",
        parts: [
          { text: "What is in this picture, and the weather and time in Paris?" },
          { inlineData: { mimeType: "image/png", data: expect.stringMatching(/^iVBORw0KGgo/) } },
          { fileData: { mimeType: "image/jpeg", fileUri: "https://example.com/photos/eiffel.jpg" } },
        ],
      },
      {
        role: "model",
        parts: [
          // Gemini 3 wants a signature on the first call of a turn; this history never had one.
          { functionCall: { name: "get_weather", args: { city: "Paris", unit: "c" } }, thoughtSignature: SKIP_SIGNATURE },
          { functionCall: { name: "get_time", args: { timezone: "Europe/Paris" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { temperature: 15, sky: "cloudy" } } },
          { functionResponse: { name: "get_time", response: { result: "14:05" } } },
          { text: "Et alors ?" },
        ],
      },
    ]);
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          { name: "get_weather", description: "Current weather for a city.", parametersJsonSchema: ((chatRequest.tools as Json[])[0].function as Json).parameters },
          { name: "get_time", description: "Current local time in a time zone.", parametersJsonSchema: ((chatRequest.tools as Json[])[1].function as Json).parameters },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: "AUTO" } });
    expect(body.generationConfig).toEqual({ temperature: 1.4, stopSequences: ["END"] });
  });

  it("sends back the thought signatures Gemini gave, from a converted answer", () => {
    const answer = geminiResponseToChat(fixtureJson("providers/fixtures/gemini-response-thinking-tools.json"), "m", "r1", 0);
    const message = answer.choices[0].message;
    const body = geminiOf({ model: "m", messages: [{ role: "user", content: "Paris?" }, message, ...message.tool_calls!.map((c) => ({ role: "tool", tool_call_id: c.id, content: "ok" }))] });
    const model = (body.contents as Json[])[1];
    expect(model).toEqual({
      role: "model",
      parts: [
        { text: "Checking both for you." },
        { functionCall: { name: "get_weather", args: { city: "Paris", unit: "c" } }, thoughtSignature: expect.stringMatching(/^CiQB0e2K/) },
        { functionCall: { name: "get_time", args: { timezone: "Europe/Paris" } } },
      ],
    });
    expect(((body.contents as Json[])[2].parts as Json[]).map((p) => (p.functionResponse as Json).name)).toEqual(["get_weather", "get_time"]);
  });

  it("maps limits, sampling, JSON output, reasoning effort and tool choice", () => {
    const schema = { type: "object", properties: { a: { type: "integer" } } };
    const body = geminiOf(
      ask({
        max_completion_tokens: 800,
        top_p: 0.9,
        seed: 7,
        presence_penalty: 0.5,
        stop: ["x", "y"],
        reasoning_effort: "low",
        response_format: { type: "json_schema", json_schema: { name: "a", schema } },
      }),
    );
    expect(body.generationConfig).toEqual({
      maxOutputTokens: 800,
      topP: 0.9,
      seed: 7,
      presencePenalty: 0.5,
      stopSequences: ["x", "y"],
      responseMimeType: "application/json",
      responseJsonSchema: schema,
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
    expect(geminiOf(ask({ reasoning_effort: "none", response_format: { type: "json_object" } })).generationConfig).toEqual({
      responseMimeType: "application/json",
      thinkingConfig: { thinkingBudget: 0 },
    });
    const tools = [{ type: "function", function: { name: "f" } }];
    expect(geminiOf(ask({ tools, tool_choice: "required" })).toolConfig).toEqual({ functionCallingConfig: { mode: "ANY" } });
    expect(geminiOf(ask({ tools, tool_choice: "none" })).toolConfig).toEqual({ functionCallingConfig: { mode: "NONE" } });
    expect(geminiOf(ask({ tools, tool_choice: { type: "function", function: { name: "f" } } })).toolConfig).toEqual({
      functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["f"] },
    });
    expect(geminiOf(ask({ tools })).tools).toEqual([{ functionDeclarations: [{ name: "f" }] }]);
    expect(geminiOf(ask({ tool_choice: "required" })).toolConfig).toBeUndefined();
    expect(geminiOf(ask()).generationConfig).toBeUndefined();
  });

  it("sends PDFs and audio inline and merges consecutive turns", () => {
    const body = geminiOf({
      model: "m",
      messages: [
        { role: "user", content: [{ type: "file", file: { filename: "a.pdf", file_data: "data:application/pdf;base64,JVBERi0x" } }] },
        { role: "user", content: [{ type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } }, { type: "text", text: "" }] },
        { role: "assistant", content: [{ type: "text", text: "heard" }] },
      ],
    });
    expect(body.contents).toEqual([
      { role: "user", parts: [{ inlineData: { mimeType: "application/pdf", data: "JVBERi0x" } }, { inlineData: { mimeType: "audio/wav", data: "UklGRg==" } }] },
      { role: "model", parts: [{ text: "heard" }] },
    ]);
  });

  it("refuses what Gemini cannot take, naming the field", () => {
    const refused = (chat: unknown) => chatRequestToGemini(chat);
    expect(refused(ask({ n: 3 }))).toMatchObject({ ok: false, code: "invalid_request", param: "n" });
    expect(refused(ask({ tools: [{ type: "custom", custom: {} }] }))).toMatchObject({ param: "tools[0].type" });
    expect(refused({ model: "m", messages: [{ role: "tool", tool_call_id: "nope", content: "x" }] })).toMatchObject({ param: "messages[0].tool_call_id" });
    const badArgs = { role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{oops" } }] };
    expect(refused({ model: "m", messages: [badArgs] })).toMatchObject({ param: "messages[0].tool_calls[0].function.arguments" });
    expect(refused({ model: "m", messages: [{ role: "user", content: [{ type: "file", file: { file_id: "f" } }] }] })).toMatchObject({
      param: "messages[0].content[0].file",
    });
    expect(refused({ model: "m", messages: [{ role: "user", content: [{ type: "refusal" }] }] })).toMatchObject({ param: "messages[0].content[0].type" });
    expect(refused({ model: "m", messages: [{ role: "critic", content: "x" }] })).toMatchObject({ param: "messages[0].role" });
  });
});

describe("gemini URL and headers", () => {
  it("puts the model in the path and asks for SSE when streaming", () => {
    const base = "https://generativelanguage.googleapis.com/v1beta/";
    expect(geminiUrl(base, "gemini-2.5-flash", false)).toBe("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
    expect(geminiUrl(base, "models/gemini-2.5-pro", true)).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse",
    );
    expect(geminiUrl(base, "tuned/x y", false)).toBe("https://generativelanguage.googleapis.com/v1beta/models/tuned%2Fx%20y:generateContent");
  });

  it("sends the key as x-goog-api-key", () => {
    expect(geminiHeaders("AIza-key", { "x-goog-user-project": "p" })).toEqual({
      "x-goog-user-project": "p",
      "content-type": "application/json",
      "x-goog-api-key": "AIza-key",
    });
  });
});
