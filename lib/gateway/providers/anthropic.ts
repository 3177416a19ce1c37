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
 * The `anthropic` channel type: Anthropic's Messages API. Like OpenAI channels, its base URL ends
 * in `/v1` (`https://api.anthropic.com/v1`), so the call goes to `{baseUrl}/messages`.
 * Answers and streams are read by anthropic-response.ts.
 */

const ANTHROPIC_VERSION = "2023-06-01";

/** `{baseUrl}/messages`, or `{baseUrl}/messages/count_tokens`. */
export function anthropicUrl(baseUrl: string, endpoint: "messages" | "count_tokens" = "messages"): string {
  return `${baseUrl.replace(/\/+$/, "")}/messages${endpoint === "count_tokens" ? "/count_tokens" : ""}`;
}

/**
 * Upstream headers: the channel key as `x-api-key`; `anthropic-version` from the channel, else the
 * client, else 2023-06-01; `anthropic-beta` the union of the channel's and the client's; then the
 * channel's other extra headers.
 */
export function anthropicHeaders(
  apiKey: string,
  client: { version?: string | null; beta?: string | null } = {},
  channelHeaders: Record<string, string> = {},
): Record<string, string> {
  const lower = Object.fromEntries(Object.entries(channelHeaders).map(([k, v]) => [k.toLowerCase(), v]));
  const betas = [lower["anthropic-beta"], client.beta].flatMap((b) => (b ? b.split(",") : [])).map((b) => b.trim());
  const headers: Record<string, string> = {
    ...lower,
    "content-type": "application/json",
    "x-api-key": apiKey,
    "anthropic-version": lower["anthropic-version"] || client.version || ANTHROPIC_VERSION,
  };
  const beta = [...new Set(betas.filter(Boolean))].join(",");
  if (beta) headers["anthropic-beta"] = beta;
  else delete headers["anthropic-beta"];
  return headers;
}

const THINKING_BUDGET: Record<string, number> = { minimal: 1024, low: 2048, medium: 8192, high: 24576, xhigh: 32768 };

type Turn = { role: "user" | "assistant"; content: Json[] };

/**
 * A chat request as a Messages request: system and developer messages from anywhere gathered into
 * `system`; consecutive same-role turns merged; tool messages as `tool_result` blocks first in a
 * user turn; images (URL or data URL) and PDFs; tools and tool_choice; assistant tool calls as
 * `tool_use`; reasoning with its signature as a thinking block; `reasoning_effort` as a thinking
 * budget; `max_tokens` from the client or `defaultMaxTokens` (Anthropic requires it). `n` > 1 and
 * content Anthropic cannot take are refused, naming the field. `temperature` and `top_p` are left
 * out: Anthropic's current models (and every model from API version 2026-10-21) answer 400 to any
 * sampling parameter, which a chat client could not avoid.
 */
export function chatRequestToAnthropic(chat: unknown, upstreamModel: string, defaultMaxTokens: number): Outcome<Json> {
  return convert(() => {
    const req = expectObject(chat, "body");
    if ((optionalInt(req.n, "n", 1) ?? 1) > 1) refuse("n", "Anthropic models return one choice: 'n' must be 1.");
    const system: Json[] = [];
    const turns: Turn[] = [];
    expectArray(req.messages, "messages").forEach((value, i) => {
      const p = `messages[${i}]`;
      const m = expectObject(value, p);
      if (m.role === "system" || m.role === "developer") system.push(...textBlocks(m.content, `${p}.content`));
      else if (m.role === "user") addTurn(turns, "user", userBlocks(m.content, `${p}.content`));
      else if (m.role === "assistant") addTurn(turns, "assistant", assistantBlocks(m, p));
      else if (m.role === "tool") addTurn(turns, "user", [toolResult(m, p)]);
      else refuse(`${p}.role`, `Messages of role '${label(m.role)}' cannot be sent to Anthropic models.`);
    });
    const maxTokens = optionalInt(req.max_completion_tokens, "max_completion_tokens", 1) ?? optionalInt(req.max_tokens, "max_tokens", 1);
    const body: Json = { model: upstreamModel, max_tokens: maxTokens ?? defaultMaxTokens, messages: turns };
    if (system.length > 0) body.system = system;
    if (req.stream === true) body.stream = true;
    if (typeof req.stop === "string") body.stop_sequences = [req.stop];
    else if (Array.isArray(req.stop)) body.stop_sequences = req.stop;
    if (typeof req.user === "string") body.metadata = { user_id: req.user };
    const tools = req.tools === undefined || req.tools === null ? [] : expectArray(req.tools, "tools").map((t, i) => tool(t, `tools[${i}]`));
    const choice = tools.length > 0 ? toolChoice(req.tool_choice, req.parallel_tool_calls === false) : null;
    if (tools.length > 0) body.tools = tools;
    if (choice) body.tool_choice = choice;
    const budget = thinkingBudget(req.reasoning_effort, body.max_tokens as number, choice);
    if (budget !== null) body.thinking = { type: "enabled", budget_tokens: budget };
    const format = isObject(req.response_format) ? req.response_format : null;
    if (format?.type === "json_schema") {
      const schema = expectObject(expectObject(format.json_schema, "response_format.json_schema").schema, "response_format.json_schema.schema");
      body.output_config = { format: { type: "json_schema", schema } };
    }
    return body;
  });
}

function addTurn(turns: Turn[], role: Turn["role"], blocks: Json[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last?.role === role) last.content.push(...blocks);
  else turns.push({ role, content: [...blocks] });
  // Anthropic wants a user turn's tool results before anything else in it.
  if (role === "user") {
    const turn = turns.at(-1)!;
    turn.content = [...turn.content.filter((b) => b.type === "tool_result"), ...turn.content.filter((b) => b.type !== "tool_result")];
  }
}

/** Anthropic accepts tool ids of letters, digits, `_` and `-`; others are rewritten the same way everywhere. */
function toolId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, "_");
}

function textBlocks(content: unknown, param: string): Json[] {
  const text = typeof content === "string" ? content : contentText(expectArray(content ?? [], param));
  return text === "" ? [] : [{ type: "text", text }];
}

function userBlocks(content: unknown, param: string): Json[] {
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  return expectArray(content, param).flatMap((value, j) => part(expectObject(value, `${param}[${j}]`), `${param}[${j}]`));
}

function part(p: Json, param: string): Json[] {
  if (p.type === "text") {
    const text = expectString(p.text, `${param}.text`);
    return text === "" ? [] : [{ type: "text", text }];
  }
  if (p.type === "image_url") {
    const image = isObject(p.image_url) ? p.image_url : { url: p.image_url };
    const url = expectString(image.url, `${param}.image_url.url`);
    const data = parseDataUrl(url);
    const source = data ? { type: "base64", media_type: data.mediaType, data: data.data } : { type: "url", url };
    return [{ type: "image", source }];
  }
  if (p.type === "file") {
    const file = expectObject(p.file, `${param}.file`);
    const data = typeof file.file_data === "string" ? parseDataUrl(file.file_data) : null;
    if (!data) return refuse(`${param}.file`, "Only files sent inline as base64 data can be sent to Anthropic models.");
    return [{ type: "document", source: { type: "base64", media_type: data.mediaType, data: data.data } }];
  }
  return refuse(`${param}.type`, `Content of type '${label(p.type)}' cannot be sent to Anthropic models.`);
}

function assistantBlocks(m: Json, param: string): Json[] {
  const blocks: Json[] = [];
  // A thinking block is valid only with the signature Anthropic gave it; unsigned reasoning (from another provider) is left out.
  if (typeof m.reasoning_signature === "string" && m.reasoning_signature !== "") {
    const thinking = typeof m.reasoning_content === "string" ? m.reasoning_content : "";
    blocks.push({ type: "thinking", thinking, signature: m.reasoning_signature });
  }
  if (m.content !== null && m.content !== undefined) blocks.push(...textBlocks(m.content, `${param}.content`));
  if (m.tool_calls !== undefined && m.tool_calls !== null) {
    expectArray(m.tool_calls, `${param}.tool_calls`).forEach((value, j) => {
      const p = `${param}.tool_calls[${j}]`;
      const call = expectObject(value, p);
      const fn = expectObject(call.function, `${p}.function`);
      const args = expectString(fn.arguments ?? "", `${p}.function.arguments`);
      const input = args.trim() === "" ? {} : parseJson(args);
      if (!isObject(input)) refuse(`${p}.function.arguments`, "Tool call arguments must be a JSON object.");
      const id = toolId(expectString(call.id, `${p}.id`));
      blocks.push({ type: "tool_use", id, name: expectString(fn.name, `${p}.function.name`), input });
    });
  }
  return blocks;
}

function toolResult(m: Json, param: string): Json {
  const id = toolId(expectString(m.tool_call_id, `${param}.tool_call_id`));
  const content = typeof m.content === "string" ? m.content : userBlocks(m.content ?? [], `${param}.content`);
  return { type: "tool_result", tool_use_id: id, content };
}

function tool(value: unknown, param: string): Json {
  const t = expectObject(value, param);
  if (t.type !== "function") refuse(`${param}.type`, `Tools of type '${label(t.type)}' cannot be sent to Anthropic models.`);
  const fn = expectObject(t.function, `${param}.function`);
  const out: Json = { name: expectString(fn.name, `${param}.function.name`) };
  if (typeof fn.description === "string") out.description = fn.description;
  out.input_schema = isObject(fn.parameters) ? fn.parameters : { type: "object", properties: {} };
  return out;
}

function toolChoice(value: unknown, serial: boolean): Json | null {
  const parallel = serial ? { disable_parallel_tool_use: true } : {};
  if (value === undefined || value === null || value === "auto") return serial ? { type: "auto", ...parallel } : null;
  if (value === "none") return { type: "none" };
  if (value === "required") return { type: "any", ...parallel };
  const choice = expectObject(value, "tool_choice");
  const fn = expectObject(choice.function, "tool_choice.function");
  return { type: "tool", name: expectString(fn.name, "tool_choice.function.name"), ...parallel };
}

/** A thinking budget below max_tokens, or null: no effort asked, too few tokens, or a forced tool (which excludes thinking). */
function thinkingBudget(effort: unknown, maxTokens: number, choice: Json | null): number | null {
  const wanted = typeof effort === "string" ? THINKING_BUDGET[effort] : undefined;
  if (wanted === undefined || choice?.type === "any" || choice?.type === "tool") return null;
  const budget = Math.min(wanted, maxTokens - 1);
  return budget >= 1024 ? budget : null;
}
