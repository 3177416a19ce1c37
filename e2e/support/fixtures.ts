import { test as base, expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { startApp, type RunningApp } from "./app";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { apiClient, ROOT_ADMIN_ENV, type ApiClient } from "./api-client";
import { addChannel, ensureModels } from "./relay-fixture";

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../../test-results/screenshots");

type WorkerFixtures = { app: RunningApp; admin: ApiClient };

/**
 * Playwright's test with `app`: one running gateway (fresh database, ADMIN_API_KEY set, a root
 * admin root@example.com) per worker, that is per spec file (see playwright.config.ts), `admin`: its
 * management API as root, and baseURL pointing at it.
 */
export const test = base.extend<object, WorkerFixtures>({
  app: [
    async ({}, use) => {
      const app = await startApp({ env: { ALLOW_REGISTRATION: "true", ...ROOT_ADMIN_ENV } });
      await use(app);
      await app.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  admin: [async ({ app }, use) => use(apiClient(app, { bearer: app.adminApiKey })), { scope: "worker" }],
  baseURL: async ({ app }, use) => use(app.url),
});

/** The root admin every worker's app is created with. */
export const ROOT_ADMIN = { email: ROOT_ADMIN_ENV.ADMIN_EMAIL, password: ROOT_ADMIN_ENV.ADMIN_PASSWORD };

/** Signs in through the login form and waits for the dashboard. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

let seq = 0;

/** Creates a user through the admin API (role, group, balance as given) and answers their credentials. */
export async function createUser(
  admin: ApiClient,
  opts: { role?: "user" | "admin"; group?: string; balance?: number; name?: string } = {},
): Promise<{ id: number; email: string; password: string }> {
  const email = `person${++seq}-${Date.now()}@example.com`;
  const password = "browser password 1";
  const { balance, ...rest } = opts;
  const res = await admin.post("/api/admin/users", { email, password, ...rest });
  if (res.status !== 201) throw new Error(`creating a user: ${res.status} ${JSON.stringify(res.body)}`);
  if (balance) await admin.post(`/api/admin/users/${res.body.id}/topup`, { amount: balance });
  return { id: res.body.id, email, password };
}

/** Saves a full-page screenshot under test-results/screenshots for people to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export { expect };

/**
 * A mock upstream for the spec file that calls this: started before its tests with the test models
 * priced and a channel to it (`channel` overrides the channel's fields), closed after them.
 */
export function useMockUpstream(channel: Record<string, unknown> = {}): () => MockUpstream {
  let upstream: MockUpstream | undefined;
  test.beforeAll(async ({ admin }) => {
    upstream = await startMockUpstream();
    await ensureModels(admin);
    await addChannel(admin, upstream.url, channel);
  });
  test.afterAll(async () => {
    await upstream?.close();
  });
  return () => upstream!;
}
