import { randomUUID } from "node:crypto";
import { toErrorResponse } from "@/lib/errors";
import { handleListModels, handleRelay, type RelayInput } from "@/lib/gateway/handle";
import { relayDeps } from "@/lib/gateway/runtime";
import type { Endpoint, GatewayDeps } from "@/lib/gateway/types";
import { clientIpFrom } from "@/lib/server/headers";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "x-request-id",
};

async function serve(request: Request, run: (input: RelayInput, deps: GatewayDeps) => Promise<Response>) {
  const requestId = `req_${randomUUID().replace(/-/g, "")}`;
  let res: Response;
  try {
    res = await run({ request, requestId, clientIp: clientIpFrom(request.headers) }, relayDeps());
  } catch (err) {
    res = toErrorResponse(err, requestId);
  }
  res.headers.set("x-request-id", requestId);
  for (const [k, v] of Object.entries(CORS)) res.headers.set(k, v);
  return res;
}

/** The POST handler of a billed /v1 endpoint. */
export function relayRoute(endpoint: Endpoint) {
  return (request: Request) => serve(request, (input, deps) => handleRelay(input, endpoint, deps));
}

/** GET /v1/models. */
export function modelsRoute() {
  return (request: Request) => serve(request, handleListModels);
}

/** CORS preflight for browser clients. */
export function preflightRoute() {
  return (request: Request) =>
    new Response(null, {
      status: 204,
      headers: {
        ...CORS,
        "access-control-allow-methods": "GET, POST, OPTIONS",
        // SDKs send many headers of their own (x-stainless-*); allow whatever the browser asks for.
        "access-control-allow-headers":
          request.headers.get("access-control-request-headers") ?? "authorization, content-type",
        "access-control-max-age": "86400",
      },
    });
}
