import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { getSessionUser } from "@/lib/auth/session";
import { getRootAdmin, type User } from "@/lib/db/users";
import { settlementsWritten } from "@/lib/server/settlements";

/** Who is calling the management API. `user` is null only for ADMIN_API_KEY before any admin exists. */
export type Actor = {
  user: User | null;
  isAdmin: boolean;
  viaAdminKey: boolean;
};

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: Request, ctx: { actor: Actor; params: P; requestId: string }) => Promise<Response>;

function sha256(s: string): Buffer {
  return createHash("sha256").update(s).digest();
}

function bearer(req: Request): string | null {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "");
  return m ? m[1].trim() : null;
}

async function authenticate(req: Request): Promise<Actor> {
  const key = bearer(req);
  const adminKey = getConfig().adminApiKey;
  if (key !== null) {
    // Compare digests so the comparison takes the same time whatever the input length.
    if (adminKey && timingSafeEqual(sha256(key), sha256(adminKey))) {
      return { user: await getRootAdmin(), isAdmin: true, viaAdminKey: true };
    }
    throw new ApiError("unauthorized", "Invalid API key for the management API.");
  }
  const user = await getSessionUser();
  if (!user) throw new ApiError("unauthorized", "Sign in or present ADMIN_API_KEY as a Bearer token.");
  return { user, isAdmin: user.role === "admin", viaAdminKey: false };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A write authenticated by the session cookie must come from the app's own pages: its Origin (or,
 * without one, its Referer) names this origin, and a body is JSON, which no plain form or
 * cross-site "simple" request can send. The admin API key is not sent by browsers on their own.
 */
function checkSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  // The origin the browser used: lib/server keeps X-Forwarded-* only from trusted proxies.
  const h = req.headers;
  const own = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
  const origin = req.headers.get("origin");
  let source: string | null = origin && origin !== "null" ? origin : null;
  if (!source) {
    try {
      source = new URL(req.headers.get("referer") ?? "").origin;
    } catch {
      source = null;
    }
  }
  if (source !== own) throw new ApiError("forbidden", "Cross-origin request refused: send it from the dashboard's own pages.");
  const length = Number(req.headers.get("content-length") ?? 0);
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if ((length > 0 || req.headers.has("transfer-encoding")) && type !== "application/json") {
    throw new ApiError("invalid_request", "The request body must be sent as Content-Type: application/json.", null, 415);
  }
}

function wrap<P>(handler: Handler<P>, adminOnly: boolean) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    const requestId = randomUUID();
    let res: Response;
    try {
      const actor = await authenticate(req);
      if (!actor.viaAdminKey) checkSameOrigin(req);
      if (req.method === "GET") await settlementsWritten();
      if (adminOnly && !actor.isAdmin) throw new ApiError("forbidden", "This endpoint is for admins.");
      res = await handler(req, { actor, params: await ctx.params, requestId });
    } catch (err) {
      res = toErrorResponse(err, requestId);
    }
    res.headers.set("x-request-id", requestId);
    res.headers.set("cache-control", "no-store");
    return res;
  };
}

/** Wraps a management API handler that any signed-in user (or ADMIN_API_KEY) may call. */
export function withSession<P = Record<string, never>>(handler: Handler<P>) {
  return wrap(handler, false);
}

/** Wraps a management API handler for admins only; others get 403. */
export function withAdmin<P = Record<string, never>>(handler: Handler<P>) {
  return wrap(handler, true);
}
