/** Browser-side calls to the management API (/api) with the session cookie: JSON in, a result out. */

export type ApiSuccess<T> = { ok: true; status: number; data: T };
export type ApiFailure = {
  ok: false;
  status: number;
  /** The API's own message, written for people. */
  message: string;
  code: string | null;
  /** The field the API blamed (its `param`), to show the message next to it. */
  param: string | null;
};
export type ApiResult<T> = ApiSuccess<T> | ApiFailure;

/** Calls the management API; never throws for HTTP errors or a lost connection, it answers a failure. */
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
    return { ok: false, status: 0, message: "The server could not be reached. Check your connection and try again.", code: null, param: null };
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // An HTML error page from a proxy: the status says enough.
  }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const error = (json as { error?: { message?: unknown; code?: unknown; param?: unknown } } | null)?.error;
  return {
    ok: false,
    status: res.status,
    message: typeof error?.message === "string" ? error.message : `The request failed (HTTP ${res.status}).`,
    code: typeof error?.code === "string" ? error.code : null,
    param: typeof error?.param === "string" ? error.param : null,
  };
}

