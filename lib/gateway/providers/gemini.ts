import {
  convert,
  contentText,
  expectArray,
  expectObject,
  expectString,
  isObject,
  label,
  optionalInt,
  parseDataUrl,
  parseJson,
  refuse,
  type Json,
} from "@/lib/gateway/chat";
import type { Outcome } from "@/lib/gateway/types";

/**
 * The `gemini` channel type: Google's Gemini API. The base URL names the API version
 * (`https://generativelanguage.googleapis.com/v1beta`); the model goes in the path.
 * Answers and streams are read by gemini-response.ts.
 */

/** `{baseUrl}/models/{model}:generateContent`, or `:streamGenerateContent?alt=sse` for a stream. */
export function geminiUrl(baseUrl: string, model: string, stream: boolean): string {
  const name = encodeURIComponent(model.replace(/^models\//, ""));
  return `${baseUrl.replace(/\/+$/, "")}/models/${name}:${stream ? "streamGenerateContent?alt=sse" : "generateContent"}`;
}

/** Upstream headers: the channel key as `x-goog-api-key`, then the channel's extra headers. */
export function geminiHeaders(apiKey: string, channelHeaders: Record<string, string> = {}): Record<string, string> {
  return { ...channelHeaders, "content-type": "application/json", "x-goog-api-key": apiKey };
}

/**
 * Google's documented stand-in for a thought signature the history no longer has (a call made by
 * another provider, or a client that dropped it): Gemini 3 refuses a function call turn without one.
 */
export const SKIP_SIGNATURE = "skip_thought_signature_validator";

const THINKING_BUDGET: Record<string, number> = { none: 0, minimal: 512, low: 1024, medium: 8192, high: 24576 };
const MIME_BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  heic: "image/heic",
  pdf: "application/pdf",
};

type Content = { role: "user" | "model"; parts: Json[] };

/**
 * A chat request as a generateContent request: system and developer messages as
 * `systemInstruction`; user and assistant turns as `user`/`model` contents (consecutive ones
 * merged); images, PDFs and audio inline or by URL; assistant tool calls as `functionCall` parts
 * with their thought signatures; tool messages as `functionResponse` parts named after their
 * call; tools as function declarations (JSON Schema); tool_choice as the calling mode; limits,
 * sampling, stop sequences, JSON output and reasoning effort in `generationConfig`.
 */
export function chatRequestToGemini(chat: unknown): Outcome<Json> {
  return convert(() => {
    const req = expectObject(chat, "body");
    if ((optionalInt(req.n, "n", 1) ?? 1) > 1) refuse("n", "Gemini models are asked for one choice here: 'n' must be 1.");
    const system: Json[] = [];
    const contents: Content[] = [];
    /** tool call id → function name, for the functionResponse parts that answer it */
    const callNames = new Map<string, string>();
    expectArray(req.messages, "messages").forEach((value, i) => {
      const p = `messages[${i}]`;
      const m = expectObject(value, p);
      if (m.role === "system" || m.role === "developer") {
        const text = contentText(typeof m.content === "string" ? m.content : expectArray(m.content ?? [], `${p}.content`));
        if (text !== "") system.push({ text });
      } else if (m.role === "user") add(contents, "user", userParts(m.content, `${p}.content`));
      else if (m.role === "assistant") add(contents, "model", modelParts(m, p, callNames));
      else if (m.role === "tool") add(contents, "user", [functionResponse(m, p, callNames)]);
      else refuse(`${p}.role`, `Messages of role '${label(m.role)}' cannot be sent to Gemini models.`);
    });
    const body: Json = { contents };
    if (system.length > 0) body.systemInstruction = { parts: system };
    const tools = req.tools === undefined || req.tools === null ? [] : expectArray(req.tools, "tools").map((t, i) => declaration(t, `tools[${i}]`));
    if (tools.length > 0) {
      body.tools = [{ functionDeclarations: tools }];
      if (req.tool_choice !== undefined && req.tool_choice !== null) body.toolConfig = { functionCallingConfig: callingConfig(req.tool_choice) };
    }
    const config = generationConfig(req);
    if (Object.keys(config).length > 0) body.generationConfig = config;
    return body;
  });
}

function add(contents: Content[], role: Content["role"], parts: Json[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last?.role === role) last.parts.push(...parts);
  else contents.push({ role, parts: [...parts] });
}

function userParts(content: unknown, param: string): Json[] {
  if (typeof content === "string") return content === "" ? [] : [{ text: content }];
  return expectArray(content, param).flatMap((value, j) => part(expectObject(value, `${param}[${j}]`), `${param}[${j}]`));
}

function part(p: Json, param: string): Json[] {
  if (p.type === "text") {
    const text = expectString(p.text, `${param}.text`);
    return text === "" ? [] : [{ text }];
  }
  if (p.type === "image_url") {
    const image = isObject(p.image_url) ? p.image_url : { url: p.image_url };
    return [media(expectString(image.url, `${param}.image_url.url`))];
  }
  if (p.type === "file") {
    const file = expectObject(p.file, `${param}.file`);
    if (typeof file.file_data !== "string") return refuse(`${param}.file`, "Only files sent inline as base64 data can be sent to Gemini models.");
    return [media(file.file_data)];
  }
  if (p.type === "input_audio") {
    const audio = expectObject(p.input_audio, `${param}.input_audio`);
    return [{ inlineData: { mimeType: `audio/${expectString(audio.format, `${param}.input_audio.format`)}`, data: expectString(audio.data, `${param}.input_audio.data`) } }];
  }
  return refuse(`${param}.type`, `Content of type '${label(p.type)}' cannot be sent to Gemini models.`);
}

/** A data URL inline; any other URL by reference, with the media type its extension names. */
function media(url: string): Json {
  const data = parseDataUrl(url);
  if (data) return { inlineData: { mimeType: data.mediaType, data: data.data } };
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? "";
  return { fileData: { mimeType: MIME_BY_EXTENSION[extension] ?? "image/jpeg", fileUri: url } };
}

function modelParts(m: Json, param: string, callNames: Map<string, string>): Json[] {
  const parts: Json[] = [];
  const text = m.content === null || m.content === undefined ? "" : contentText(typeof m.content === "string" ? m.content : expectArray(m.content, `${param}.content`));
  if (text !== "") parts.push({ text });
  const calls = m.tool_calls === undefined || m.tool_calls === null ? [] : expectArray(m.tool_calls, `${param}.tool_calls`);
  calls.forEach((value, j) => {
    const p = `${param}.tool_calls[${j}]`;
    const call = expectObject(value, p);
    const fn = expectObject(call.function, `${p}.function`);
    const name = expectString(fn.name, `${p}.function.name`);
    const argsText = expectString(fn.arguments ?? "", `${p}.function.arguments`);
    const args = argsText.trim() === "" ? {} : parseJson(argsText);
    if (!isObject(args)) refuse(`${p}.function.arguments`, "Tool call arguments must be a JSON object.");
    callNames.set(expectString(call.id, `${p}.id`), name);
    const google = isObject(call.extra_content) && isObject(call.extra_content.google) ? call.extra_content.google : {};
    const signature = typeof google.thought_signature === "string" ? google.thought_signature : j === 0 ? SKIP_SIGNATURE : null;
    parts.push({ functionCall: { name, args }, ...(signature ? { thoughtSignature: signature } : {}) });
  });
  return parts;
}

function functionResponse(m: Json, param: string, callNames: Map<string, string>): Json {
  const id = expectString(m.tool_call_id, `${param}.tool_call_id`);
  const name = callNames.get(id) ?? refuse(`${param}.tool_call_id`, `No earlier assistant message has a tool call with id '${id}'.`);
  const text = contentText(typeof m.content === "string" ? m.content : expectArray(m.content ?? [], `${param}.content`));
  const parsed = parseJson(text);
  return { functionResponse: { name, response: isObject(parsed) ? parsed : { result: text } } };
}

function declaration(value: unknown, param: string): Json {
  const t = expectObject(value, param);
  if (t.type !== "function") refuse(`${param}.type`, `Tools of type '${label(t.type)}' cannot be sent to Gemini models.`);
  const fn = expectObject(t.function, `${param}.function`);
  const out: Json = { name: expectString(fn.name, `${param}.function.name`) };
  if (typeof fn.description === "string") out.description = fn.description;
  if (isObject(fn.parameters)) out.parametersJsonSchema = fn.parameters;
  return out;
}

function callingConfig(choice: unknown): Json {
  if (choice === "auto") return { mode: "AUTO" };
  if (choice === "none") return { mode: "NONE" };
  if (choice === "required") return { mode: "ANY" };
  const fn = expectObject(expectObject(choice, "tool_choice").function, "tool_choice.function");
  return { mode: "ANY", allowedFunctionNames: [expectString(fn.name, "tool_choice.function.name")] };
}

function generationConfig(req: Json): Json {
  const config: Json = {};
  const max = optionalInt(req.max_completion_tokens, "max_completion_tokens", 1) ?? optionalInt(req.max_tokens, "max_tokens", 1);
  if (max !== undefined) config.maxOutputTokens = max;
  const numbers = { temperature: "temperature", top_p: "topP", seed: "seed", presence_penalty: "presencePenalty", frequency_penalty: "frequencyPenalty" };
  for (const [from, to] of Object.entries(numbers)) if (typeof req[from] === "number") config[to] = req[from];
  if (typeof req.stop === "string") config.stopSequences = [req.stop];
  else if (Array.isArray(req.stop)) config.stopSequences = req.stop;
  const format = isObject(req.response_format) ? req.response_format : null;
  if (format?.type === "json_object") config.responseMimeType = "application/json";
  if (format?.type === "json_schema") {
    const schema = expectObject(expectObject(format.json_schema, "response_format.json_schema").schema, "response_format.json_schema.schema");
    Object.assign(config, { responseMimeType: "application/json", responseJsonSchema: schema });
  }
  const budget = typeof req.reasoning_effort === "string" ? THINKING_BUDGET[req.reasoning_effort] : undefined;
  if (budget !== undefined) config.thinkingConfig = budget === 0 ? { thinkingBudget: 0 } : { thinkingBudget: budget, includeThoughts: true };
  return config;
}
