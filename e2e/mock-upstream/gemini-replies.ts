import { createHash } from "node:crypto";
import { countTokens, loadTokenizer } from "../../lib/billing/estimate";
import { sampleArguments } from "./base";

/**
 * Deterministic Gemini generateContent answers, built from Google's documented shapes. The reply
 * text is `Hello from mock: <first 40 characters of the last user text>`; with function
 * declarations (and no function responses to read yet) the model calls every allowed function at
 * once, the first call carrying a thought signature the mock checks when it comes back (as
 * Gemini 3 does). Thinking is on unless `thinkingBudget` is 0, its tokens reported as
 * `thoughtsTokenCount`; its text is a thought part only with `includeThoughts`. Token counts are
 * real o200k_base counts (an image counts 258, as Gemini's do).
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Google's documented stand-in signature, accepted in place of a lost one. */
export const SKIP_SIGNATURE = "skip_thought_signature_validator";
const IMAGE_TOKENS = 258;

/** The thought signature the mock gives a function call: what it expects back with that call. */
export function callSignature(name: string, args: unknown): string {
  return createHash("sha256").update(`mock-call:${name}:${JSON.stringify(args ?? {})}`).digest("base64");
}

function parts(content: unknown): Json[] {
  return isObject(content) && Array.isArray(content.parts) ? content.parts.filter(isObject) : [];
}

/** Prompt tokens of a request (what countTokens answers): its texts, calls, responses, tools and images. */
export async function promptTokens(body: Json): Promise<number> {
  const all = [...parts(body.systemInstruction), ...(Array.isArray(body.contents) ? body.contents.flatMap(parts) : [])];
  let total = body.tools === undefined ? 0 : await countTokens(JSON.stringify(body.tools));
  for (const p of all) {
    if (typeof p.text === "string") total += await countTokens(p.text);
    if (p.functionCall !== undefined) total += await countTokens(JSON.stringify(p.functionCall));
    if (p.functionResponse !== undefined) total += await countTokens(JSON.stringify(p.functionResponse));
    if (p.inlineData !== undefined || p.fileData !== undefined) total += IMAGE_TOKENS;
  }
  return total;
}

/**
 * What Gemini refuses in the history (400 INVALID_ARGUMENT): a function call turn whose first
 * call has no valid thought signature, or a reply with another number of function responses.
 */
export function historyError(contents: Json[]): string | null {
  for (const [i, content] of contents.entries()) {
    const calls = parts(content).filter((p) => isObject(p.functionCall));
    if (content.role !== "model" || calls.length === 0) continue;
    const first = calls[0];
    const call = first.functionCall as Json;
    if (first.thoughtSignature === undefined) return `Function call is missing a thought_signature in functionCall parts. Position ${i}.`;
    if (first.thoughtSignature !== SKIP_SIGNATURE && first.thoughtSignature !== callSignature(String(call.name), call.args)) {
      return `Corrupted thought signature. Position ${i}.`;
    }
    const responses = parts(contents[i + 1]).filter((p) => isObject(p.functionResponse));
    if (i + 1 < contents.length && responses.length !== calls.length) {
      return "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";
    }
  }
  return null;
}

function functionCalls(body: Json, text: string): Json[] {
  const declarations = (Array.isArray(body.tools) ? body.tools.filter(isObject) : []).flatMap((t) =>
    Array.isArray(t.functionDeclarations) ? t.functionDeclarations.filter(isObject) : [],
  );
  const toolConfig = isObject(body.toolConfig) ? body.toolConfig : {};
  const config = isObject(toolConfig.functionCallingConfig) ? toolConfig.functionCallingConfig : {};
  if (declarations.length === 0 || config.mode === "NONE") return [];
  const allowed = Array.isArray(config.allowedFunctionNames) ? config.allowedFunctionNames : null;
  return declarations
    .filter((d) => !allowed || allowed.includes(d.name))
    .map((d, i) => {
      const args = sampleArguments(d.parametersJsonSchema ?? d.parameters, text);
      const name = String(d.name);
      return { functionCall: { name, args }, ...(i === 0 ? { thoughtSignature: callSignature(name, args) } : {}) };
    });
}

/** A GenerateContentResponse answering `body`, with usage (or without, for the no_usage fault). */
export async function buildResponse(body: Json, model: string, responseId: string, cached: number, withUsage: boolean): Promise<Json> {
  const contents = Array.isArray(body.contents) ? body.contents.filter(isObject) : [];
  const last = parts(contents.at(-1));
  const answered = last.some((p) => isObject(p.functionResponse));
  const asked = answered
    ? last.map((p) => JSON.stringify((p.functionResponse as Json | undefined)?.response ?? "")).join(" ")
    : last.map((p) => (typeof p.text === "string" ? p.text : "")).join(" ");
  const first40 = Array.from(asked.trim()).slice(0, 40).join("");
  const config = isObject(body.generationConfig) ? body.generationConfig : {};
  const thinking = isObject(config.thinkingConfig) ? config.thinkingConfig : {};
  const out: Json[] = [];
  let thoughts = 0;
  if (thinking.thinkingBudget !== 0) {
    const thought = `Thinking about: ${first40}`;
    thoughts = await countTokens(thought);
    if (thinking.includeThoughts === true) out.push({ text: thought, thought: true });
  }
  const calls = answered ? [] : functionCalls(body, asked);
  let finishReason = "STOP";
  let candidates = 0;
  if (calls.length > 0) {
    out.push(...calls);
    candidates = await countTokens(JSON.stringify(calls.map((c) => c.functionCall)));
  } else {
    let text = answered ? `Hello from mock: tool results: ${first40}` : `Hello from mock: ${first40}`;
    for (const seq of Array.isArray(config.stopSequences) ? config.stopSequences.map(String) : []) {
      if (seq !== "" && text.includes(seq)) text = text.slice(0, text.indexOf(seq));
    }
    const { encode, decode } = await loadTokenizer();
    const tokens = encode(text, { disallowedSpecial: new Set() });
    const max = Number.isSafeInteger(config.maxOutputTokens) ? (config.maxOutputTokens as number) : Infinity;
    if (tokens.length > max) [text, finishReason] = [decode(tokens.slice(0, max)), "MAX_TOKENS"];
    candidates = Math.min(tokens.length, max);
    out.push({ text });
  }
  const prompt = await promptTokens(body);
  const usage: Json = { promptTokenCount: prompt, candidatesTokenCount: candidates, totalTokenCount: prompt + candidates + thoughts };
  if (cached > 0) usage.cachedContentTokenCount = Math.min(cached, prompt);
  if (thoughts > 0) usage.thoughtsTokenCount = thoughts;
  usage.promptTokensDetails = [{ modality: "TEXT", tokenCount: prompt }];
  return {
    candidates: [{ content: { parts: out, role: "model" }, finishReason, index: 0 }],
    ...(withUsage ? { usageMetadata: usage } : {}),
    modelVersion: model,
    responseId,
  };
}

/**
 * The answer as streamGenerateContent sends it: each thought and each word of text its own
 * response, the function calls together in one, the finish reason and full usage on the last;
 * earlier responses carry only the prompt count, as Gemini's do.
 */
export function streamResponses(res: Json): Json[] {
  const [candidate] = res.candidates as Json[];
  const all = parts(candidate.content);
  const usage = res.usageMetadata as Json | undefined;
  const early = usage ? { promptTokenCount: usage.promptTokenCount, totalTokenCount: usage.promptTokenCount } : undefined;
  const groups: Json[][] = [];
  for (const p of all) {
    if (typeof p.text === "string" && p.thought !== true) groups.push(...(p.text.match(/\s*\S+|\s+$/g) ?? [""]).map((t) => [{ text: t }]));
    else if (isObject(p.functionCall) && isObject(groups.at(-1)?.[0]?.functionCall)) groups.at(-1)!.push(p);
    else groups.push([p]);
  }
  return groups.map((group, i) => {
    const lastOne = i === groups.length - 1;
    const c: Json = { content: { parts: group, role: "model" }, index: 0, ...(lastOne ? { finishReason: candidate.finishReason } : {}) };
    const u = lastOne ? usage : early;
    return { candidates: [c], ...(u ? { usageMetadata: u } : {}), modelVersion: res.modelVersion, responseId: res.responseId };
  });
}
