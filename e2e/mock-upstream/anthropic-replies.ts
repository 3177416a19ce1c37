import { createHash } from "node:crypto";
import { countTokens, loadTokenizer } from "../../lib/billing/estimate";
import { sampleArguments } from "./base";

/**
 * Deterministic Anthropic Messages answers, built from Anthropic's documented shapes. The reply
 * text is `Hello from mock: <first 40 characters of the last user text>`; with tools offered (and
 * no tool results to read yet) the model calls every tool at once; with thinking enabled a
 * thinking block comes first, signed so that the mock can check the signature when it comes back.
 * Token counts are real o200k_base counts of the text involved.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Cache usage to report, as set through the control endpoint. */
export type CacheUsage = { read: number; write5m: number; write1h: number };

/** The signature the mock gives a thinking text: what it expects back with that text. */
export function thinkingSignature(text: string): string {
  return createHash("sha256").update(`mock-thinking:${text}`).digest("base64");
}

function blocks(content: unknown): Json[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return Array.isArray(content) ? content.filter(isObject) : [];
}

function textOf(content: unknown): string {
  return blocks(content)
    .map((b) => (typeof b.text === "string" ? b.text : b.type === "tool_result" ? textOf(b.content) : ""))
    .join(" ");
}

/** Every text the model reads: system, messages (tool inputs and results included) and tool definitions. */
function promptTexts(body: Json): string[] {
  const texts = [textOf(body.system)];
  for (const m of Array.isArray(body.messages) ? body.messages.filter(isObject) : []) {
    for (const b of blocks(m.content)) {
      if (typeof b.text === "string") texts.push(b.text);
      if (typeof b.thinking === "string") texts.push(b.thinking);
      if (b.type === "tool_use") texts.push(JSON.stringify(b.input ?? {}));
      if (b.type === "tool_result") texts.push(textOf(b.content));
    }
  }
  if (Array.isArray(body.tools)) texts.push(JSON.stringify(body.tools));
  return texts;
}

/** Input tokens of a request (what count_tokens answers): its texts plus 3 per message. */
export async function inputTokens(body: Json): Promise<number> {
  const messages = Array.isArray(body.messages) ? body.messages.length : 0;
  const counts = await Promise.all(promptTexts(body).map((t) => countTokens(t)));
  return counts.reduce((a, b) => a + b, 3 * messages);
}

/**
 * What Anthropic would refuse in the history (400 invalid_request_error): a thinking block whose
 * signature is not the one the mock gave, or tool_use blocks not answered by tool_result blocks
 * that open the next user turn.
 */
export function historyError(messages: Json[]): string | null {
  for (const [i, m] of messages.entries()) {
    const content = blocks(m.content);
    for (const [j, b] of content.entries()) {
      if (b.type === "thinking" && b.signature !== thinkingSignature(String(b.thinking ?? ""))) {
        return `messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`;
      }
    }
    const calls = content.filter((b) => b.type === "tool_use").map((b) => b.id);
    if (m.role !== "assistant" || calls.length === 0 || i === messages.length - 1) continue;
    const next = blocks(messages[i + 1].content);
    const firstOther = next.findIndex((b) => b.type !== "tool_result");
    const leading = (firstOther === -1 ? next : next.slice(0, firstOther)).map((b) => b.tool_use_id);
    if (calls.some((id) => !leading.includes(id))) {
      return `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${calls.join(", ")}`;
    }
  }
  return null;
}

function calledTools(body: Json, text: string, requestId: string): Json[] {
  const tools = Array.isArray(body.tools) ? body.tools.filter(isObject) : [];
  const choice = isObject(body.tool_choice) ? body.tool_choice : {};
  const last = Array.isArray(body.messages) ? body.messages.at(-1) : null;
  const answered = isObject(last) && blocks(last.content).some((b) => b.type === "tool_result");
  if (tools.length === 0 || answered || choice.type === "none") return [];
  let chosen = choice.type === "tool" ? tools.filter((t) => t.name === choice.name) : tools;
  if (choice.disable_parallel_tool_use === true) chosen = chosen.slice(0, 1);
  return chosen.map((t, i) => ({ type: "tool_use", id: `toolu_${requestId}_${i}`, name: t.name, input: sampleArguments(t.input_schema, text) }));
}

/** A Messages object answering `body`, with usage (or without, for the no_usage fault). */
export async function buildMessage(body: Json, requestId: string, cache: CacheUsage | null, withUsage: boolean): Promise<Json> {
  const last = Array.isArray(body.messages) ? body.messages.filter(isObject).at(-1) : undefined;
  const asked = textOf(last?.content).trim();
  const answered = blocks(last?.content).some((b) => b.type === "tool_result");
  const first40 = Array.from(asked).slice(0, 40).join("");
  const content: Json[] = [];
  let outputTokens = 0;
  const thinking = isObject(body.thinking) && (body.thinking.type === "enabled" || body.thinking.type === "adaptive");
  if (thinking) {
    const text = `Thinking about: ${first40}`;
    content.push({ type: "thinking", thinking: text, signature: thinkingSignature(text) });
    outputTokens += await countTokens(text);
  }
  const tools = calledTools(body, asked, requestId);
  const calling = `Calling ${tools.map((t) => t.name).join(", ")}.`;
  let text = answered ? `Hello from mock: tool results: ${first40}` : tools.length > 0 ? calling : `Hello from mock: ${first40}`;
  let stopReason = tools.length > 0 ? "tool_use" : "end_turn";
  let stopSequence: string | null = null;
  for (const seq of Array.isArray(body.stop_sequences) ? body.stop_sequences.map(String) : []) {
    const at = text.indexOf(seq);
    if (seq !== "" && at !== -1) [text, stopReason, stopSequence] = [text.slice(0, at), "stop_sequence", seq];
  }
  const { encode, decode } = await loadTokenizer();
  const tokens = encode(text, { disallowedSpecial: new Set() });
  const room = Math.max(0, (body.max_tokens as number) - outputTokens);
  if (tokens.length > room) [text, stopReason, stopSequence] = [decode(tokens.slice(0, room)), "max_tokens", null];
  content.push({ type: "text", text });
  outputTokens += Math.min(tokens.length, room);
  if (stopReason === "tool_use") {
    content.push(...tools);
    outputTokens += await countTokens(JSON.stringify(tools.map((t) => t.input)));
  }
  const prompt = await inputTokens(body);
  const read = Math.min(cache?.read ?? 0, prompt);
  const write5m = Math.min(cache?.write5m ?? 0, prompt - read);
  const write1h = Math.min(cache?.write1h ?? 0, prompt - read - write5m);
  const usage = {
    input_tokens: prompt - read - write5m - write1h,
    cache_creation_input_tokens: write5m + write1h,
    cache_read_input_tokens: read,
    cache_creation: { ephemeral_5m_input_tokens: write5m, ephemeral_1h_input_tokens: write1h },
    output_tokens: outputTokens,
    service_tier: "standard",
  };
  const message: Json = { id: `msg_${requestId}`, type: "message", role: "assistant", model: body.model, content };
  return { ...message, stop_reason: stopReason, stop_sequence: stopSequence, ...(withUsage ? { usage } : {}) };
}

const sse = (data: Json) => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;

function pieces(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** The message as Anthropic streams it: message_start, ping, each block start/deltas/stop, message_delta, message_stop. */
export function messageEvents(message: Json): string[] {
  const { content, stop_reason, stop_sequence, usage, ...head } = message as Json & { content: Json[]; usage?: Json };
  const startUsage = usage ? { ...usage, output_tokens: 1 } : undefined;
  const start = { ...head, content: [], stop_reason: null, stop_sequence: null, usage: startUsage };
  const events = [sse({ type: "message_start", message: start }), sse({ type: "ping" })];
  content.forEach((block, index) => {
    const delta = (d: Json) => events.push(sse({ type: "content_block_delta", index, delta: d }));
    if (block.type === "thinking") {
      events.push(sse({ type: "content_block_start", index, content_block: { type: "thinking", thinking: "", signature: "" } }));
      for (const p of pieces(block.thinking as string)) delta({ type: "thinking_delta", thinking: p });
      delta({ type: "signature_delta", signature: block.signature });
    } else if (block.type === "text") {
      events.push(sse({ type: "content_block_start", index, content_block: { type: "text", text: "" } }));
      for (const p of pieces(block.text as string)) delta({ type: "text_delta", text: p });
    } else {
      events.push(sse({ type: "content_block_start", index, content_block: { ...block, input: {} } }));
      const json = JSON.stringify(block.input);
      const third = Math.ceil(json.length / 3);
      for (const p of ["", json.slice(0, third), json.slice(third, 2 * third), json.slice(2 * third)]) {
        delta({ type: "input_json_delta", partial_json: p });
      }
    }
    events.push(sse({ type: "content_block_stop", index }));
  });
  const deltaUsage = usage ? { output_tokens: usage.output_tokens } : undefined;
  events.push(sse({ type: "message_delta", delta: { stop_reason, stop_sequence }, usage: deltaUsage }));
  events.push(sse({ type: "message_stop" }));
  return events;
}
