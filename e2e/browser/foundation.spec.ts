import { test as base } from "@playwright/test";
import { startApp, type RunningApp } from "../support/app";
import { expect, snap } from "../support/fixtures";

// This spec needs a gateway nobody has used yet (no user at all), so it starts its own.
const test = base.extend<object, { fresh: RunningApp }>({
  fresh: [
    async ({}, use) => {
      const app = await startApp({ env: { ALLOW_REGISTRATION: "true" } });
      await use(app);
      await app.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ fresh }, use) => use(fresh.url),
});

test.describe.configure({ mode: "serial" });

const admin = { email: "admin@example.com", password: "correct horse battery", name: "Ada Admin" };

test("first visit leads to setup, which creates the admin account and signs them in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: /create the admin account/i })).toBeVisible();
  await snap(page, "01-setup");

  // Invalid input is refused with field errors, and nothing is created.
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await snap(page, "02-setup-errors");

  await page.getByLabel("Name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("current-user")).toHaveText(admin.name);
  await expect(page.getByTestId("next-steps")).toBeVisible();

  // Setup is closed once a user exists.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/(login|dashboard)$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
});

test("wrong password is refused; the admin signs in, sees the shell, and signs out", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await snap(page, "03-login-error");

  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("current-user")).toHaveText(admin.name);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of ["Overview", "Tokens", "Usage", "Models", "Users", "Groups", "Channels"]) {
    await expect(nav.getByRole("link", { name: label })).toBeVisible();
  }
  await snap(page, "04-dashboard-admin");

  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "05-dashboard-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});

test("a registered user sees no admin navigation and is refused admin pages", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Email").fill("user@example.com");
  await page.getByLabel("Password").fill("user password 1");
  await page.getByRole("button", { name: "Create account" }).click();
  // Signed in at once: no second sign-in with an empty form.
  await expect(page).toHaveURL(/\/dashboard$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Tokens" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);

  const res = await page.goto("/dashboard/admin/users");
  expect(res?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await snap(page, "06-forbidden");

  const api = await page.request.get("/api/admin/users");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("forbidden");
});
