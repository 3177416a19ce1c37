import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { startApp, type RunningApp } from "./app";
import { login } from "./session";

export type Auth = { bearer: string } | { cookie: string };

export type ApiAnswer<T = any> = { status: number; body: T; headers: Headers };

/** JSON calls to the management API as one caller (ADMIN_API_KEY or a session cookie). */
export function apiClient(app: Pick<RunningApp, "url">, auth: Auth) {
  const headers: Record<string, string> =
    // A browser sends its page's origin with every write.
    "bearer" in auth ? { authorization: `Bearer ${auth.bearer}` } : { cookie: auth.cookie, origin: app.url };
  async function call<T = any>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }
  return {
    get: <T = any>(path: string) => call<T>("GET", path),
    post: <T = any>(path: string, body?: unknown) => call<T>("POST", path, body ?? {}),
    patch: <T = any>(path: string, body: unknown) => call<T>("PATCH", path, body),
    delete: <T = any>(path: string) => call<T>("DELETE", path),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

let counter = 0;

/** Creates an ordinary user through the admin API, signs them in, and answers their client and id. */
export async function newUser(
  app: Pick<RunningApp, "url">,
  admin: ApiClient,
  extra: Record<string, unknown> = {},
): Promise<{ id: number; email: string; client: ApiClient; cookie: string }> {
  const email = `user${++counter}-${Date.now()}@example.com`;
  const password = "correct horse battery";
  const res = await admin.post("/api/admin/users", { email, password, ...extra });
  if (res.status !== 201) throw new Error(`creating ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = await login(app, email, password);
  return { id: res.body.id, email, cookie, client: apiClient(app, { cookie }) };
}

/** Env for startApp that creates a root admin at start, so ADMIN_API_KEY acts as a real user. */
export const ROOT_ADMIN_ENV = { ADMIN_EMAIL: "root@example.com", ADMIN_PASSWORD: "root password 123" };

/**
 * The file's app and its admin client (ADMIN_API_KEY): started before the file's tests, stopped
 * after them, with the test process's own database connection closed.
 */
export function useAdminApp(ready: (app: RunningApp, admin: ApiClient) => void, opts?: Parameters<typeof startApp>[0]): void {
  let app: RunningApp | undefined;
  beforeAll(async () => {
    app = await startApp(opts);
    ready(app, apiClient(app, { bearer: app.adminApiKey }));
  }, 120_000);
  afterAll(async () => {
    await disconnectDb();
    await app?.stop();
  });
}
