import { APIError } from "openai";
import { createUser, expect, signIn, snap, test, useMockUpstream } from "../support/fixtures";
import { CHAT_MODEL, EMBED_MODEL, openaiFor } from "../support/relay-fixture";

test.describe.configure({ mode: "serial" });

useMockUpstream();

/** The gateway's answer to a chat call: "ok", or the error code it refused with. */
async function chat(app: { url: string }, key: string, model = CHAT_MODEL): Promise<string> {
  try {
    await openaiFor(app, key).chat.completions.create({ model, messages: [{ role: "user", content: "hello there" }] });
    return "ok";
  } catch (err) {
    if (err instanceof APIError) return `${err.status} ${err.code}`;
    throw err;
  }
}

test("a user creates a token with every property, copies the key once, and uses it", async ({ app, admin, page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
  const user = await createUser(admin, { balance: 5_000_000 });
  await signIn(page, user.email, user.password);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tokens" }).click();
  await expect(page.getByText("No tokens yet")).toBeVisible();
  await snap(page, "tokens-empty-desktop");

  await page.getByRole("button", { name: "New token" }).click();
  const dialog = page.getByTestId("token-form-dialog");
  await expect(dialog.getByRole("heading", { name: "New token" })).toBeVisible();

  // Client-side validation with the API's schema: empty name, bad IP (as you type), no quota.
  await dialog.getByLabel("Allowed IPs").fill("127.0.0.1, not-an-ip");
  await expect(dialog.getByText("'not-an-ip' is not an IP address or CIDR range")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Create token" })).toBeDisabled();
  await dialog.getByLabel("Allowed IPs").fill("127.0.0.1\n::1, 10.0.0.0/8");
  await dialog.getByLabel("Unlimited").uncheck();
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(dialog.getByText("Must not be empty")).toBeVisible();
  await expect(dialog.getByText("Enter an amount, e.g. $25, or choose “Unlimited”.")).toBeVisible();
  await snap(page, "token-form-errors-desktop");

  // Each error goes as soon as its field is valid.
  await dialog.getByLabel("Name").fill("CI pipeline");
  await expect(dialog.getByText("Must not be empty")).toHaveCount(0);
  await dialog.getByLabel("Quota", { exact: true }).fill("$4");
  await expect(dialog.getByText("= 2,000,000 credits")).toBeVisible();
  await expect(dialog.getByText(/Enter an amount/)).toHaveCount(0);
  await dialog.getByLabel("Never").uncheck();
  await dialog.getByLabel("Expires").fill("2031-06-30T18:00");
  await dialog.getByLabel("Group").selectOption("default");
  await dialog.getByRole("checkbox", { name: CHAT_MODEL }).check();
  await dialog.getByRole("checkbox", { name: EMBED_MODEL }).check();
  await snap(page, "token-form-filled-desktop");
  await dialog.getByRole("button", { name: "Create token" }).click();

  // The key, once, with a working copy button.
  const reveal = page.getByTestId("key-reveal-dialog");
  await expect(reveal.getByText("This key will not be shown again")).toBeVisible();
  const key = (await reveal.getByTestId("new-token-key").textContent())!.trim();
  expect(key).toMatch(/^sk-[A-Za-z0-9]{43,}$/);
  await reveal.getByRole("button", { name: "Copy key" }).click();
  await expect(reveal.getByText("Copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await snap(page, "token-key-reveal-desktop");
  await page.keyboard.press("Escape");
  await expect(reveal).toBeHidden();
  await expect(page.getByText(key)).toHaveCount(0);

  // The table lists it with its properties.
  const row = page.getByTestId("tokens-table").getByRole("row", { name: /CI pipeline/ });
  await expect(row).toContainText(key.slice(0, 7));
  await expect(row).toContainText("$4.00 left");
  await expect(row).toContainText("Active");
  await snap(page, "tokens-list-desktop");

  // It works against /v1, and the request appears on the token's page and in Usage.
  expect(await chat(app, key)).toBe("ok");
  await row.getByRole("link", { name: "CI pipeline" }).click();
  await expect(page).toHaveURL(/\/dashboard\/tokens\/\d+$/);
  const props = page.getByTestId("token-properties");
  await expect(props).toContainText(CHAT_MODEL);
  await expect(props).toContainText("10.0.0.0/8");
  await expect(props).toContainText("::1");
  await expect(props).toContainText("2031");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("token-usage-table").getByRole("row")).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("token-usage-table")).toContainText(CHAT_MODEL);
  await expect(page.getByTestId("model-spend-table")).toContainText(CHAT_MODEL);
  await expect(page.getByTestId("remaining-quota")).toHaveText("$4.00");
  await expect(page.getByText(/^1,99\d,\d{3} credits$/)).toBeVisible();
  await snap(page, "token-details-desktop");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" }).click();
  await expect(page.getByTestId("usage-table")).toContainText("CI pipeline");
  await expect(page.getByTestId("total-requests")).toHaveText("1");

  // Narrowing the allowed models takes effect on the next call.
  await page.goBack();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByTestId("token-form-dialog");
  await expect(edit.getByLabel("Name")).toHaveValue("CI pipeline");
  await expect(edit.getByLabel("Quota", { exact: true })).toHaveValue("4");
  await edit.getByRole("checkbox", { name: CHAT_MODEL }).uncheck();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(props).not.toContainText(CHAT_MODEL);
  expect(await chat(app, key)).toBe("403 model_not_allowed");

  // Disabling it refuses every call.
  await page.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(page.getByTestId("token-status")).toHaveText("Disabled");
  expect(await chat(app, key, EMBED_MODEL)).toBe("401 token_disabled");
  await page.getByRole("button", { name: "Enable", exact: true }).click();
  await expect(page.getByTestId("token-status")).toHaveText("Active");

  // Deleting asks first; cancelling keeps it.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByTestId("confirm-dialog");
  await expect(confirm.getByRole("heading", { name: "Delete “CI pipeline”?" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await confirm.getByRole("button", { name: "Delete token" }).click();
  await expect(page).toHaveURL(/\/dashboard\/tokens$/);
  await expect(page.getByText("No tokens yet")).toBeVisible();
  expect(await chat(app, key)).toBe("401 invalid_api_key");
});

test("the API's refusal is shown and the form keeps its input; another user's token is a 404", async ({ app, admin, page }) => {
  const owner = await createUser(admin, { balance: 1000 });
  const other = await admin.post("/api/tokens", { name: "theirs", userId: owner.id });
  const user = await createUser(admin, { balance: 1000 });
  await signIn(page, user.email, user.password);

  const res = await page.goto(`/dashboard/tokens/${other.body.id}`);
  expect(res?.status()).toBe(404);

  await page.goto("/dashboard/tokens");
  await page.getByRole("button", { name: "New token" }).click();
  const dialog = page.getByTestId("token-form-dialog");
  await dialog.getByLabel("Name").fill("Will fail");
  // The server refuses a group the user may not pick; simulate a stale choice by editing the option.
  await dialog.getByLabel("Group").evaluate((el: HTMLSelectElement) => {
    el.options[0].value = "vip-only";
  });
  await dialog.getByLabel("Group").selectOption("vip-only");
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(dialog.getByRole("alert").first()).toContainText("group");
  await expect(dialog.getByLabel("Name")).toHaveValue("Will fail");
  await snap(page, "token-form-api-error-desktop");
  void app;
});
