import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { isObject, type Json } from "@/lib/gateway/chat";
import { SseParser, type SseEvent } from "@/lib/gateway/sse-parse";

/**
 * Test support for the recorded fixtures under `formats/fixtures/` and `providers/fixtures/`:
 * reading them, and replaying SSE text cut into chunks at awkward byte offsets.
 */

const root = fileURLToPath(new URL(".", import.meta.url));

/** A fixture's text, by path relative to lib/gateway (e.g. `providers/fixtures/x.sse`). */
export function fixtureText(path: string): string {
  return readFileSync(`${root}${path}`, "utf8");
}

/** A JSON fixture, parsed. */
export function fixtureJson(path: string): Json {
  return JSON.parse(fixtureText(path)) as Json;
}

/** Chunk sizes every stream test replays: whole, byte by byte, and sizes that cut lines and characters. */
export const CHUNK_SIZES = [Infinity, 1, 3, 7, 64];

/** Parses SSE text fed as UTF-8 bytes in chunks of `size` bytes. */
export function sseEvents(text: string, size = Infinity): SseEvent[] {
  const bytes = new TextEncoder().encode(text);
  const parser = new SseParser();
  const events: SseEvent[] = [];
  const step = Number.isFinite(size) ? size : bytes.length || 1;
  for (let at = 0; at < bytes.length; at += step) events.push(...parser.push(bytes.subarray(at, at + step)));
  return [...events, ...parser.end()];
}

/** The JSON objects of an OpenAI-style stream (`data: [DONE]` left out). */
export function sseJson(text: string, size = Infinity): Json[] {
  return sseEvents(text, size)
    .filter((e) => e.data !== "[DONE]")
    .map((e) => JSON.parse(e.data) as unknown)
    .filter(isObject);
}

/** A loopback HTTP server answering every request with `reply(body)`: to run real SDKs against converter output. */
export async function serveReplies(
  reply: (body: Json) => { status?: number; contentType: string; text: string },
): Promise<{ url: string; requests: Json[]; close(): Promise<void> }> {
  const requests: Json[] = [];
  const server = createServer(async (req, res) => {
    const parts: Buffer[] = [];
    for await (const chunk of req) parts.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(parts).toString("utf8") || "{}") as Json;
    requests.push(body);
    const answer = reply(body);
    res.writeHead(answer.status ?? 200, { "content-type": answer.contentType });
    res.end(answer.text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Assembles chat stream chunks into the message they spell, as OpenAI's SDK does (tool calls by index). */
export function assembleChat(chunks: Json[]): { message: Json; finishReason: unknown; usage: unknown } {
  const message: Json = { role: "assistant", content: "" };
  const calls: Json[] = [];
  let finishReason: unknown = null;
  let usage: unknown = null;
  const append = (key: string, value: unknown) => {
    if (typeof value === "string") message[key] = ((message[key] as string | undefined) ?? "") + value;
  };
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    const choice = Array.isArray(chunk.choices) && isObject(chunk.choices[0]) ? chunk.choices[0] : null;
    if (!choice) continue;
    if (choice.finish_reason) finishReason = choice.finish_reason;
    const delta = isObject(choice.delta) ? choice.delta : {};
    append("content", delta.content);
    append("reasoning_content", delta.reasoning_content);
    append("reasoning_signature", delta.reasoning_signature);
    for (const call of Array.isArray(delta.tool_calls) ? delta.tool_calls.filter(isObject) : []) {
      const index = call.index as number;
      const fn = isObject(call.function) ? call.function : {};
      calls[index] ??= { id: call.id, type: "function", function: { name: fn.name, arguments: "" } };
      if (call.extra_content) calls[index].extra_content = call.extra_content;
      (calls[index].function as Json).arguments += typeof fn.arguments === "string" ? fn.arguments : "";
    }
  }
  if (calls.length > 0) message.tool_calls = calls;
  return { message, finishReason, usage };
}

/** A provider stream converter as the tests drive it. */
export type StreamConverter = { push(ev: SseEvent): Json[]; end(): Json[] };

/** Feeds SSE events to a converter, then ends it; returns every chat chunk it made. */
export function replay(converter: StreamConverter, events: SseEvent[]): Json[] {
  return [...events.flatMap((ev) => converter.push(ev)), ...converter.end()];
}

/** Every SSE event of a fetch Response's body, read to its end. */
export async function responseEvents(res: Response): Promise<SseEvent[]> {
  const parser = new SseParser();
  const events: SseEvent[] = [];
  const reader = res.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) events.push(...parser.push(read.value));
  return [...events, ...parser.end()];
}
