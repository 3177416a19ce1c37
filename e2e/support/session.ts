import type { RunningApp } from "./app";

/** Cookie header text from Set-Cookie lines (name=value pairs only). */
function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((line) => line.split(";")[0]);
}

/**
 * Signs in through next-auth's credentials flow and answers the Cookie header of the session.
 * Throws when the credentials are refused (no session cookie is issued).
 */
export async function login(app: Pick<RunningApp, "url">, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${app.url}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookies = cookiePairs(csrfRes);
  const res = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiePairs(res).filter((c) => /session-token=/.test(c) && !c.endsWith("="));
  if (!session.length) throw new Error(`sign-in refused for ${email} (HTTP ${res.status})`);
  return [...csrfCookies, ...session].join("; ");
}
