import { randomUUID } from "node:crypto";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

// Any /api path no route serves: the API's JSON 404 rather than the dashboard's HTML page.
function notFound(request: Request) {
  const { pathname } = new URL(request.url);
  return errorResponse("not_found", `Unknown endpoint: ${request.method} ${pathname}.`, {
    headers: { "x-request-id": randomUUID(), "cache-control": "no-store" },
  });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
