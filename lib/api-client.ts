/** Browser-side calls to the management API (/api): JSON in, JSON out, the API's message on failure. */

export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    /** The field the API blamed (its `param`), to show the message next to it. */
    readonly param: string | null,
  ) {
    super(message);
  }
}

/** Calls `path` with an optional JSON body; answers the parsed JSON (undefined for 204) or throws ApiRequestError. */
export async function apiFetch<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiRequestError("Could not reach the server. Check your connection and try again.", 0, null, null);
  }
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const err = json?.error;
    throw new ApiRequestError(
      typeof err?.message === "string" ? err.message : `Request failed (${res.status}).`,
      res.status,
      typeof err?.code === "string" ? err.code : null,
      typeof err?.param === "string" ? err.param : null,
    );
  }
  return json as T;
}

/** Flattens a zod error into `{field: first message}` for forms (`issues[].path[0]`). */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "_");
    out[key] ??= issue.message;
  }
  return out;
}
