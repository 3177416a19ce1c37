import { createHash } from "node:crypto";
import { countPromptTokens, countTokens, loadTokenizer } from "../../lib/billing/estimate";
import { sampleArguments } from "./base";
import { reasoningTokens } from "./replies";

/**
 * Deterministic OpenAI Responses API answers (`POST /v1/responses`), built from OpenAI's documented
 * shapes. The reply text is `Hello from mock: <first 40 characters of the last user text>`; with
 * function tools offered (and no function_call_output to read yet) the model calls every allowed tool
 * at once; after tool outputs it answers `Hello from mock: tool results: <first 40 characters>`. With
 * `reasoning.effort` set (not `none`) a reasoning item comes first, its tokens counted as
 * reasoning output; with `include: ["reasoning.encrypted_content"]` it carries encrypted content
 * that the mock checks when it comes back, as OpenAI does. Stored responses (`store` not false) can
 * be continued with `previous_response_id`; an unknown one is refused.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const first40 = (s: string) => Array.from(s).slice(0, 40).join("");

/** The encrypted content the mock gives a reasoning text: what it expects back with that item. */
export function encryptedReasoning(text: string): string {
  const sig = createHash("sha256").update(`mock-reasoning:${text}`).digest("base64url");
  return `gAAAAB${Buffer.from(text).toString("base64url")}.${sig}`;
}

function validEncrypted(value: string): boolean {
  const [body, sig] = value.slice("gAAAAB".length).split(".");
  if (!value.startsWith("gAAAAB") || !body || !sig) return false;
  return encryptedReasoning(Buffer.from(body, "base64url").toString("utf8")) === value;
}

function items(input: unknown): Json[] {
  if (typeof input === "string") return [{ type: "message", role: "user", content: input }];
  return Array.isArray(input) ? input.filter(isObject) : [];
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.flatMap((p) => (isObject(p) && typeof p.text === "string" ? [p.text] : [])).join(" ");
}

/**
 * What OpenAI refuses in the input (400): reasoning items whose encrypted content the mock did not
 * give, and tool outputs that answer no call in the input.
 */
export function inputError(input: unknown): string | null {
  const list = items(input);
  const calls = new Set(list.filter((i) => i.type === "function_call").map((i) => i.call_id));
  for (const item of list) {
    if (item.type === "reasoning" && typeof item.encrypted_content === "string" && !validEncrypted(item.encrypted_content)) {
      return `The encrypted content for item ${String(item.id ?? "rs")} could not be verified.`;
    }
    if (item.type === "function_call_output" && !calls.has(item.call_id)) {
      return `No tool call found for function call output with call_id ${String(item.call_id)}.`;
    }
  }
  return null;
}

/** The function calls the model makes for `body` (none after tool outputs, or with tool_choice none). */
function functionCalls(body: Json, list: Json[], text: string, requestId: string): Json[] {
  const tools = (Array.isArray(body.tools) ? body.tools.filter(isObject) : []).filter((t) => t.type === "function");
  const choice = body.tool_choice;
  if (tools.length === 0 || choice === "none" || list.at(-1)?.type === "function_call_output") return [];
  let chosen = isObject(choice) && choice.type === "function" ? tools.filter((t) => t.name === choice.name) : tools;
  if (body.parallel_tool_calls === false) chosen = chosen.slice(0, 1);
  return chosen.map((t, i) => ({
    id: `fc_${requestId}_${i}`,
    type: "function_call",
    status: "completed",
    arguments: JSON.stringify(sampleArguments(t.parameters, text)),
    call_id: `call_${requestId}_${i}`,
    name: t.name,
  }));
}

/** A Responses API response object answering `body` (the request id names its items). */
export async function buildResponse(body: Json, requestId: string, cached: number, withUsage: boolean): Promise<Json> {
  const list = items(body.input);
  const last = list.at(-1);
  const lastUser = [...list].reverse().find((i) => (i.type === "message" || i.type === undefined) && i.role === "user");
  const source = textOf(lastUser?.content);
  const output: Json[] = [];
  let outputTokens = 0;
  const reasoning = isObject(body.reasoning) ? body.reasoning : {};
  const effort = reasoning.effort ?? (reasoning.summary !== undefined ? "medium" : undefined);
  const reasoned = await reasoningTokens(effort, source);
  if (reasoned > 0) {
    const thought = `Thinking about: ${first40(source)}`;
    const include = Array.isArray(body.include) ? body.include : [];
    const summary = reasoning.summary !== undefined && reasoning.summary !== null ? [{ type: "summary_text", text: thought }] : [];
    output.push({
      id: `rs_${requestId}`,
      type: "reasoning",
      summary,
      ...(include.includes("reasoning.encrypted_content") ? { encrypted_content: encryptedReasoning(thought) } : {}),
    });
    outputTokens += reasoned;
  }
  const calls = functionCalls(body, list, source, requestId);
  let status = "completed";
  let incomplete: Json | null = null;
  if (calls.length > 0) {
    output.push(...calls);
    for (const c of calls) outputTokens += await countTokens(String(c.name) + String(c.arguments));
  } else {
    const toolOutput = last?.type === "function_call_output" ? (typeof last.output === "string" ? last.output : JSON.stringify(last.output)) : null;
    let text = toolOutput !== null ? `Hello from mock: tool results: ${first40(toolOutput)}` : `Hello from mock: ${first40(source)}`;
    const { encode, decode } = await loadTokenizer();
    let tokens = encode(text, { disallowedSpecial: new Set() });
    const limit = body.max_output_tokens;
    if (Number.isSafeInteger(limit) && tokens.length > (limit as number)) {
      tokens = tokens.slice(0, limit as number);
      text = decode(tokens);
      [status, incomplete] = ["incomplete", { reason: "max_output_tokens" }];
    }
    outputTokens += tokens.length;
    output.push({
      id: `msg_${requestId}`,
      type: "message",
      status: status === "completed" ? "completed" : "incomplete",
      role: "assistant",
      content: [{ type: "output_text", annotations: [], logprobs: [], text }],
    });
  }
  const inputTokens = await countPromptTokens(body);
  const usage = {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: Math.min(cached, inputTokens) },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoned },
    total_tokens: inputTokens + outputTokens,
  };
  return {
    id: `resp_${requestId}`,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status,
    background: false,
    error: null,
    incomplete_details: incomplete,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: body.model,
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    reasoning: { effort: effort ?? null, summary: reasoning.summary ?? null },
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: { format: { type: "text" } },
    tool_choice: body.tool_choice ?? "auto",
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: "disabled",
    usage: withUsage ? usage : null,
    user: null,
    metadata: body.metadata ?? {},
  };
}

/** The response as OpenAI streams it: every event named, numbered by `sequence_number`, usage on the last. */
export function responseEvents(response: Json): string[] {
  const events: string[] = [];
  const emit = (type: string, data: Json) => {
    events.push(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: events.length, ...data })}\n\n`);
  };
  const head = { ...response, status: "in_progress", output: [], usage: null, incomplete_details: null };
  emit("response.created", { response: head });
  emit("response.in_progress", { response: head });
  (response.output as Json[]).forEach((item, output_index) => {
    if (item.type === "message") {
      const part = (item.content as Json[])[0];
      const text = String(part.text);
      emit("response.output_item.added", { output_index, item: { ...item, status: "in_progress", content: [] } });
      const at = { item_id: item.id, output_index, content_index: 0 };
      emit("response.content_part.added", { ...at, part: { ...part, text: "" } });
      for (const delta of text.match(/\s*\S+|\s+$/g) ?? []) emit("response.output_text.delta", { ...at, delta, logprobs: [] });
      emit("response.output_text.done", { ...at, text, logprobs: [] });
      emit("response.content_part.done", { ...at, part });
    } else if (item.type === "function_call") {
      const args = String(item.arguments);
      emit("response.output_item.added", { output_index, item: { ...item, status: "in_progress", arguments: "" } });
      const half = Math.ceil(args.length / 2);
      for (const delta of [args.slice(0, half), args.slice(half)]) {
        emit("response.function_call_arguments.delta", { item_id: item.id, output_index, delta });
      }
      emit("response.function_call_arguments.done", { item_id: item.id, output_index, arguments: args });
    } else {
      emit("response.output_item.added", { output_index, item: { ...item, summary: [] } });
    }
    emit("response.output_item.done", { output_index, item });
  });
  emit(response.status === "incomplete" ? "response.incomplete" : "response.completed", { response });
  return events;
}
