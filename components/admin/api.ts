/** Client-side calls to the management API (/api/admin/…) with the session cookie. */

export type ApiSuccess<T> = { ok: true; status: number; data: T };
export type ApiFailure = { ok: false; status: number; message: string; param: string | null };
export type ApiResult<T> = ApiSuccess<T> | ApiFailure;

/** Calls the management API; a failure carries the API's own message (never throws for HTTP errors). */
export async function callApi<T = unknown>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, message: "The server could not be reached. Check your connection and try again.", param: null };
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const error = (json as { error?: { message?: string; param?: string | null } } | null)?.error;
  return {
    ok: false,
    status: res.status,
    message: error?.message ?? `The request failed (HTTP ${res.status}).`,
    param: error?.param ?? null,
  };
}

/** A model name as a URL path: each segment encoded, slashes kept (the route is a catch-all). */
export function modelPath(name: string): string {
  return `/api/admin/models/${name.split("/").map(encodeURIComponent).join("/")}`;
}
