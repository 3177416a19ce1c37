// The /v1 route table of lib/server's fast path: the same handlers app/v1/**/route.ts exports,
// called on Node's request and response without going through Next's router.
import type { IncomingMessage, ServerResponse } from "node:http";
import * as chatCompletions from "@/app/v1/chat/completions/route";
import * as completions from "@/app/v1/completions/route";
import * as embeddings from "@/app/v1/embeddings/route";
import * as countTokens from "@/app/v1/messages/count_tokens/route";
import * as messages from "@/app/v1/messages/route";
import * as models from "@/app/v1/models/route";
import * as responses from "@/app/v1/responses/route";
import { openaiError } from "@/lib/gateway/formats/openai";
import { serveNode, type V1Handler } from "@/lib/server/v1";

const METHODS = ["GET", "POST", "OPTIONS"] as const;
type RouteModule = Partial<Record<(typeof METHODS)[number], V1Handler>>;

const ROUTES = new Map<string, RouteModule>([
  ["/v1/chat/completions", chatCompletions],
  ["/v1/completions", completions],
  ["/v1/embeddings", embeddings],
  ["/v1/models", models],
  ["/v1/messages", messages],
  ["/v1/messages/count_tokens", countTokens],
  ["/v1/responses", responses],
]);

/** Serves a /v1 request; unknown paths answer a JSON 404 and unsupported methods a JSON 405. */
export function dispatchV1(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const route = ROUTES.get(path.length > 4 && path.endsWith("/") ? path.slice(0, -1) : path);
  const handler = route?.[(req.method ?? "GET") as keyof RouteModule];
  if (handler) return serveNode(handler.endpoint, req, res);
  if (!route) return serveNode(async (input) => openaiError("not_found", `Unknown endpoint: ${input.method} ${path}.`), req, res);
  const allow = METHODS.filter((m) => route[m]).join(", ");
  return serveNode(
    async (input) => openaiError("method_not_allowed", `${input.method} is not supported on ${path}; use ${allow}.`, { status: 405 }),
    req,
    res,
  );
}
