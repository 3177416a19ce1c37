import { createUser, expect, ROOT_ADMIN, signIn, snap, test, useMockUpstream } from "../support/fixtures";
import { CHAT_MODEL, openaiFor } from "../support/relay-fixture";

test.describe.configure({ mode: "serial" });

useMockUpstream();

test("the token form's Limits section shows the group's ceilings, refuses more, and the token page shows limits and the quota's period", async ({
  app,
  admin,
  page,
}) => {
  expect((await admin.patch("/api/admin/groups/default", { rpmLimit: 60, tpmLimit: 100_000, concurrencyLimit: null })).status).toBe(200);
  const user = await createUser(admin, { balance: 5_000_000 });
  await signIn(page, user.email, user.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tokens" }).click();
  await page.getByRole("button", { name: "New token" }).click();
  const dialog = page.getByTestId("token-form-dialog");
  const limits = dialog.getByTestId("token-limits");
  await expect(limits.getByText("Limits", { exact: true })).toBeVisible();
  await expect(limits.getByText("Group “default”: at most 60 requests per minute")).toBeVisible();
  await expect(limits.getByText("Group “default”: at most 100,000 tokens per minute")).toBeVisible();
  await expect(limits.getByText("Group “default”: no limit")).toBeVisible();

  await dialog.getByLabel("Name").fill("Metered batch job");
  await dialog.getByLabel("Unlimited").uncheck();
  await dialog.getByLabel("Quota", { exact: true }).fill("$2");
  await dialog.getByLabel("Quota resets").selectOption("daily");
  await limits.getByLabel("Requests / minute").fill("100");
  await limits.getByLabel("Tokens / minute").fill("0");
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(limits.getByText("At most 60 requests per minute: the group's limit.")).toBeVisible();
  await expect(limits.getByText("Enter a whole number of at least 1, or leave it empty for no limit.")).toBeVisible();
  await snap(page, "token-form-limits-errors-desktop");

  await limits.getByLabel("Requests / minute").fill("30");
  await limits.getByLabel("Tokens / minute").fill("5000");
  await limits.getByLabel("Requests in flight").fill("2");
  await expect(limits.getByText(/At most|whole number/)).toHaveCount(0);
  await snap(page, "token-form-limits-desktop");
  await dialog.getByRole("button", { name: "Create token" }).click();

  const reveal = page.getByTestId("key-reveal-dialog");
  const key = (await reveal.getByTestId("new-token-key").textContent())!.trim();
  await page.keyboard.press("Escape");

  // The limits apply at once, and the client reads them in the headers.
  const { response } = await openaiFor(app, key)
    .chat.completions.create({ model: CHAT_MODEL, messages: [{ role: "user", content: "hello there" }], max_tokens: 20 })
    .withResponse();
  expect(response.headers.get("x-ratelimit-limit-requests")).toBe("30");
  expect(response.headers.get("x-ratelimit-limit-tokens")).toBe("5000");

  const row = page.getByTestId("tokens-table").getByRole("row", { name: /Metered batch job/ });
  await page.reload();
  await expect(row.getByTestId("quota-meter")).toContainText("used today");
  await expect(row.getByTestId("quota-meter")).toContainText("Resets");
  await row.getByRole("link", { name: "Metered batch job" }).click();
  const properties = page.getByTestId("token-properties");
  await expect(properties.getByTestId("token-limits-summary")).toHaveText("30 requests per minute · 5,000 tokens per minute · 2 requests at once");
  await expect(properties).toContainText(/Daily · \$[\d.]+ used, \$[\d.]+ left · resets/);
  await snap(page, "token-details-limits-desktop");

  // Editing keeps the values, and the group's ceiling still holds.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await expect(limits.getByLabel("Requests in flight")).toHaveValue("2");
  await expect(dialog.getByLabel("Quota resets")).toHaveValue("daily");
});

test("an admin sets a user's monthly spend limit; the user page shows what is left and when it resets", async ({ admin, page }) => {
  const user = await createUser(admin, { balance: 5_000_000 });
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.goto(`/dashboard/admin/users/${user.id}`);
  await expect(page.getByTestId("user-spend-limit")).toHaveText("None");
  await page.getByRole("button", { name: "Edit user" }).click();
  const dialog = page.getByTestId("user-dialog");
  await dialog.getByRole("textbox", { name: "Spend limit" }).fill("$5");
  await dialog.getByLabel("Per", { exact: true }).selectOption("monthly");
  await dialog.getByRole("button", { name: "Save user" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("user-spend-limit")).toHaveText("$5.00 left");
  await expect(page.getByText("Spend limit per month")).toBeVisible();
  await expect(page.getByText(/\$0\.00 of \$5\.00 spent · resets/)).toBeVisible();
  await snap(page, "user-spend-limit-desktop");
});
