import { createUser, expect, signIn, snap, test } from "../support/fixtures";

test("a new user sees what to do next, creates a first token from there, and gets ready-made setups with the key", async ({ app, admin, page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
  const user = await createUser(admin);
  await signIn(page, user.email, user.password);

  const steps = page.getByTestId("next-steps");
  await expect(steps).toContainText("Add credits");
  await expect(steps).toContainText("Your balance is empty");
  await expect(page.getByTestId("base-url")).toHaveText(`${app.url}/v1`);
  await page.getByRole("button", { name: "Copy URL" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${app.url}/v1`);
  await snap(page, "onboarding-overview-desktop");

  await steps.getByRole("link", { name: "Create your first token" }).click();
  await expect(page).toHaveURL(/\/dashboard\/tokens\?new=1$/);
  const dialog = page.getByTestId("token-form-dialog");
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await dialog.getByLabel("Name").fill("My laptop");
  await dialog.getByRole("button", { name: "Create token" }).click();

  const reveal = page.getByTestId("key-reveal-dialog");
  const key = (await reveal.getByTestId("new-token-key").textContent())!.trim();
  await expect(reveal.getByTestId("base-url")).toHaveText(`${app.url}/v1`);
  const snippet = reveal.getByTestId("snippet-text");
  await expect(snippet).toContainText(`curl ${app.url}/v1/chat/completions`);
  await expect(snippet).toContainText(`Authorization: Bearer ${key}`);
  await reveal.getByRole("tab", { name: "Python" }).click();
  await expect(snippet).toContainText(`OpenAI(base_url="${app.url}/v1", api_key="${key}")`);
  await reveal.getByRole("tab", { name: "Node.js" }).click();
  await expect(snippet).toContainText(`new OpenAI({ baseURL: "${app.url}/v1", apiKey: "${key}" })`);
  await reveal.getByRole("tab", { name: "Claude Code" }).click();
  await expect(snippet).toContainText(`export ANTHROPIC_BASE_URL="${app.url}"`);
  await expect(snippet).toContainText(`export ANTHROPIC_AUTH_TOKEN="${key}"`);
  await reveal.getByRole("tab", { name: "Codex" }).click();
  await expect(snippet).toContainText(`base_url = "${app.url}/v1"`);
  await expect(snippet).toContainText(`wire_api = "responses"`);
  await expect(snippet).toContainText(`env_key = "GATEWAY_API_KEY"`);
  await reveal.getByRole("button", { name: "Copy Codex snippet" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`[model_providers.gateway]`);
  await snap(page, "onboarding-key-reveal-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "onboarding-key-reveal-phone");
  await page.setViewportSize({ width: 1440, height: 900 });
  await reveal.getByRole("button", { name: "I have saved the key" }).click();

  // The tokens page shows the base URL too; the overview now ticks the token step.
  await expect(page.getByTestId("base-url")).toHaveText(`${app.url}/v1`);
  await page.goto("/dashboard");
  await expect(steps.getByRole("listitem").filter({ hasText: "Create a token" })).toContainText("(done)");
});

test("a deep link survives signing in", async ({ admin, page }) => {
  const user = await createUser(admin);
  await page.goto("/dashboard/usage?status=error");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard\/usage\?status=error$/);
  await expect(page.getByRole("form", { name: "Filter requests" }).getByLabel("Status")).toHaveValue("error");

  // Only paths of this site are followed.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/login?callbackUrl=https://evil.example.com/");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});
