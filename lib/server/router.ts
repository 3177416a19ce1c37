// Every request's first stop: the trusted client address, /v1 straight to the relay, and for
// everything Next serves, body limits enforced before a byte of the body is read.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "@/lib/config";
import { errorBody, type ErrorCode, ERROR_STATUS } from "@/lib/errors";
import { trustRequestHeaders } from "@/lib/server/trust";
import { newRequestId } from "@/lib/server/v1";
import { dispatchV1 } from "@/lib/server/v1-dispatch";
import { serveMetrics } from "@/lib/server/metrics";
import { log } from "@/lib/log";

/** Largest body the management API, sign-in and pages accept (they take small JSON or forms). */
export const APP_BODY_LIMIT = 1024 * 1024;

type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function sendError(res: ServerResponse, code: ErrorCode, message: string, status = ERROR_STATUS[code]): void {
  res.writeHead(status, { "content-type": "application/json", "x-request-id": newRequestId(), connection: "close" });
  res.end(JSON.stringify(errorBody(code, message)));
}

/**
 * Refuses a body the app would buffer whole: over the limit by its Content-Length, or without a
 * length at all (a chunked upload to an endpoint that takes small JSON). A client that sends too
 * slowly is cut off by the server's request timeout. Answers false when the request was refused.
 */
function admitBody(req: IncomingMessage, res: ServerResponse): boolean {
  const length = req.headers["content-length"];
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (length === undefined && !chunked) return true;
  if (length === undefined) {
    sendError(res, "length_required", "Send the request body with a Content-Length header.");
    return false;
  }
  if (Number(length) > APP_BODY_LIMIT) {
    sendError(res, "request_too_large", `The request body exceeds the limit of ${APP_BODY_LIMIT} bytes.`);
    return false;
  }
  return true;
}

/** Next answers an unsupported method on a route with an empty 405: give it the API's envelope. */
function jsonMethodNotAllowed(req: IncomingMessage, res: ServerResponse): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const empty = args.length === 0 || typeof args[0] === "function" || args[0] === undefined || args[0] === null;
    if (res.statusCode === 405 && empty && !res.headersSent) {
      res.setHeader("content-type", "application/json");
      res.setHeader("x-request-id", newRequestId());
      res.removeHeader("content-length");
      return end(JSON.stringify(errorBody("method_not_allowed", `${req.method} is not supported on this endpoint.`)));
    }
    return end(...args);
  }) as typeof res.end;
}

/** The server's request listener. */
export function createRouter(config: Config, nextHandler: NextHandler) {
  return (req: IncomingMessage, res: ServerResponse) => {
    trustRequestHeaders(req, config.trustedProxies);
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const fail = (err: unknown) => {
      log().error({ err, method: req.method, path }, "request failed");
      if (!res.headersSent) sendError(res, "internal_error", "The server had an error while processing your request.");
      else res.destroy();
    };
    if (path === "/v1" || path.startsWith("/v1/")) {
      dispatchV1(req, res, path).catch(fail);
      return;
    }
    // Off (Next's 404) unless METRICS_TOKEN is set.
    if (path === "/metrics" && config.metricsToken) {
      serveMetrics(req, res, config.metricsToken).catch(fail);
      return;
    }
    if (!admitBody(req, res)) return;
    if (path.startsWith("/api/")) jsonMethodNotAllowed(req, res);
    nextHandler(req, res).catch(fail);
  };
}
