// /v1 over HTTP: one core endpoint, two transports. Next's route handlers use the Web adapter
// (v1Route); lib/server's fast path calls the same endpoint through the Node adapter (serveNode),
// with no Request/Response objects and no web streams in between.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { openaiError } from "@/lib/gateway/formats/openai";
import type { Endpoint } from "@/lib/gateway/endpoints";
import { CORS_HEADERS, isBodyStream, readLimited, tooLarge, type RelayInput, type RelayResult } from "@/lib/gateway/http";
import type { Outcome } from "@/lib/gateway/types";
import { clientIpFrom, CLIENT_IP_HEADER } from "@/lib/server/headers";
import { relayDeps } from "@/lib/server/relay-deps";
import { trackSettlement } from "@/lib/server/settlements";
import { callLog } from "@/lib/log";

const ID_PREFIX = randomBytes(10).toString("hex");
let idCounter = 0;

/** A request id unique across instances: a random per-process prefix and a counter (32 hex digits). */
export function newRequestId(): string {
  return `req_${ID_PREFIX}${(idCounter++).toString(16).padStart(12, "0")}`;
}

/** Runs an endpoint; anything it throws becomes a detail-free 500. Adds the headers every /v1 answer carries. */
export async function runEndpoint(endpoint: Endpoint, input: RelayInput): Promise<RelayResult> {
  let result: RelayResult;
  try {
    result = await endpoint(input, relayDeps());
  } catch (err) {
    callLog(input.requestId).error({ err }, "unhandled error");
    result = openaiError("internal_error", "The server had an error while processing your request.");
  }
  Object.assign(result.headers, CORS_HEADERS, { "x-request-id": input.requestId });
  if (result.finished) trackSettlement(result.finished);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Web adapter (Next route handlers)

export type V1Handler = ((request: Request) => Promise<Response>) & { endpoint: Endpoint };

/** A Next route handler for a core endpoint; lib/server reads `.endpoint` to serve it without Next. */
export function v1Route(endpoint: Endpoint): V1Handler {
  const handler = async (request: Request) => {
    const result = await runEndpoint(endpoint, {
      requestId: newRequestId(),
      method: request.method,
      headers: request.headers,
      clientIp: clientIpFrom(request.headers),
      readBody: (max) => readLimited(request.body as AsyncIterable<Uint8Array> | null, request.headers.get("content-length"), max),
      signal: request.signal,
    });
    return toResponse(result);
  };
  return Object.assign(handler, { endpoint });
}

function toResponse(result: RelayResult): Response {
  const { body } = result;
  if (!isBodyStream(body)) return new Response(body as BodyInit | null, { status: result.status, headers: result.headers });
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunk = await body.next();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
      cancel: () => body.cancel(),
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { status: result.status, headers: result.headers });
}

/** CORS preflight: browsers ask before calling /v1 from another origin. */
export const preflight: Endpoint = async (input) => ({
  status: 204,
  headers: {
    "access-control-allow-methods": "GET, POST, OPTIONS",
    // SDKs send many headers of their own (x-stainless-*); allow whatever the browser asks for.
    "access-control-allow-headers": input.headers.get("access-control-request-headers") ?? "authorization, content-type",
    "access-control-max-age": "86400",
  },
  body: null,
});

// ---------------------------------------------------------------------------------------------
// Node adapter (lib/server's fast path)

function readNodeBody(req: IncomingMessage, max: number, onRefused: () => void): Promise<Outcome<Uint8Array>> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > max) {
    onRefused();
    return Promise.resolve(tooLarge(max));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (o: Outcome<Uint8Array>) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onEnd);
      resolve(o);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > max) {
        onRefused();
        req.pause();
        done(tooLarge(max));
      } else chunks.push(chunk);
    };
    const onEnd = () => done({ ok: true, value: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
    req.on("data", onData);
    req.once("end", onEnd);
    // A client that breaks off while sending: the signal aborts and nothing is answered anyway.
    req.once("error", onEnd);
  });
}

const nodeHeaders = (req: IncomingMessage) => ({
  get(name: string): string | null {
    const v = req.headers[name];
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
  },
});

/** Serves one /v1 request with `endpoint` straight on Node's request and response. */
export async function serveNode(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  let refused = false;
  const ip = req.headers[CLIENT_IP_HEADER];
  const result = await runEndpoint(endpoint, {
    requestId: newRequestId(),
    method: req.method ?? "GET",
    headers: nodeHeaders(req),
    clientIp: typeof ip === "string" ? ip : null,
    readBody: (max) => readNodeBody(req, max, () => (refused = true)),
    signal: controller.signal,
  });
  // A body refused half-read is not read on: close the connection after answering.
  if (refused) result.headers.connection = "close";
  if (res.destroyed) {
    if (isBodyStream(result.body)) await result.body.cancel();
    return;
  }
  const { body } = result;
  if (!isBodyStream(body)) {
    res.writeHead(result.status, result.headers);
    res.end(body ?? undefined);
    return;
  }
  res.writeHead(result.status, result.headers);
  res.flushHeaders();
  let ended = false;
  res.once("close", () => {
    if (!ended) void body.cancel();
  });
  for (;;) {
    const chunk = await body.next();
    if (chunk === null || res.destroyed) break;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const go = () => {
          res.off("drain", go);
          res.off("close", go);
          resolve();
        };
        res.on("drain", go);
        res.on("close", go);
      });
    }
  }
  ended = true;
  if (!res.destroyed) res.end();
}
