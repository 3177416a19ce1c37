import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { appDb, disconnectDb } from "../support/db";
import { expect, ROOT_ADMIN, signIn, snap, test } from "../support/fixtures";
import { CHAT_MODEL, ensureModels } from "../support/relay-fixture";

const KEY = "sk-mock-UPSTREAMSECRET-abcdefgh1234";
let mock: MockUpstream;

test.beforeAll(async ({ admin }) => {
  mock = await startMockUpstream({ apiKey: KEY });
  await ensureModels(admin);
});
test.afterAll(async () => {
  await mock?.close();
  await disconnectDb();
});

test("an admin creates a channel through the form and the test button shows its latency", async ({ page, admin }) => {
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.goto("/dashboard/admin/channels");
  await expect(page.getByRole("heading", { name: "Channels" })).toBeVisible();

  // Submitting an empty form shows the schema's field errors and sends nothing.
  await page.getByRole("button", { name: "New channel" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create channel" }).click();
  await expect(dialog.getByText("Must not be empty").first()).toBeVisible();
  await expect(dialog.getByText("Must be an http:// or https:// URL")).toBeVisible();
  await expect(dialog.getByText("List at least one model")).toBeVisible();

  await dialog.getByLabel("Name").fill("Mock primary");
  await dialog.getByLabel("Base URL").fill("ftp://example.com");
  await dialog.getByLabel("API key").fill(KEY);
  await dialog.getByLabel("Models").fill(`${CHAT_MODEL}, alias-model`);
  await dialog.getByRole("button", { name: "Add mapping" }).click();
  await dialog.getByLabel("Mapping 1: requested model").fill("alias-model");
  await dialog.getByLabel("Mapping 1: upstream model").fill("gpt-4o-mini");
  await dialog.getByLabel("Priority").fill("10");
  await dialog.getByRole("button", { name: "Create channel" }).click();
  await expect(dialog.getByText("Must be an http:// or https:// URL")).toBeVisible();
  // Nothing typed was lost by the refused save.
  await expect(dialog.getByLabel("Name")).toHaveValue("Mock primary");
  await expect(dialog.getByLabel("Mapping 1: upstream model")).toHaveValue("gpt-4o-mini");
  await snap(page, "admin-channels-form-errors");

  await dialog.getByLabel("Base URL").fill(mock.url);
  await dialog.getByRole("button", { name: "Create channel" }).click();
  await expect(dialog).not.toBeVisible();
  await expect(page.getByText("Channel “Mock primary” created.")).toBeVisible();

  const row = page.getByTestId("channels-table").getByRole("row", { name: /Mock primary/ });
  await expect(row).toContainText("sk-…1234");
  await expect(row).toContainText("Active");
  await expect(page.locator("body")).not.toContainText("UPSTREAMSECRET");

  const list = await admin.get("/api/admin/channels");
  const created = list.body.data.find((c: { name: string }) => c.name === "Mock primary");
  expect(created).toMatchObject({ baseUrl: mock.url, models: [CHAT_MODEL, "alias-model"], modelMapping: { "alias-model": "gpt-4o-mini" }, priority: 10, groups: ["default"] });

  mock.reset();
  await row.getByRole("button", { name: "Test channel Mock primary" }).click();
  const result = page.getByTestId(`channel-test-result-${created.id}`);
  await expect(result).toHaveText(/OK · [\d,]+ ms/);
  expect(mock.requests.map((r) => r.path)).toEqual(["/v1/chat/completions"]);
  await snap(page, "admin-channels-tested");

  // An upstream error is shown, without the key.
  mock.setFault({ type: "status", status: 500, message: `upstream broke (key ${KEY})`, times: 1 });
  await row.getByRole("button", { name: "Test channel Mock primary" }).click();
  await expect(result).toContainText("HTTP 500: upstream broke");
  await expect(result).not.toContainText("UPSTREAMSECRET");

  // Editing with a blank key keeps the stored one: the test still passes afterwards.
  await row.getByRole("button", { name: "Actions for channel Mock primary" }).click();
  await page.getByRole("menuitem", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog");
  await expect(edit.getByLabel("API key")).toHaveValue("");
  await expect(edit.getByText("Stored: sk-…1234. Leave blank to keep them; what you type replaces them all.")).toBeVisible();
  await edit.getByLabel("Weight").fill("3");
  await edit.getByRole("button", { name: "Save channel" }).click();
  await expect(edit).not.toBeVisible();
  await expect(row).toContainText("weight 3");
  await row.getByRole("button", { name: "Test channel Mock primary" }).click();
  await expect(result).toHaveText(/OK · [\d,]+ ms/);

  // Disable and re-enable with the switch.
  const toggle = row.getByRole("switch", { name: "Enable channel Mock primary" });
  await toggle.click();
  await expect(row).toContainText("Disabled");
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  expect((await admin.get(`/api/admin/channels/${created.id}`)).body.status).toBe("disabled");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
});

test("an auto-disabled channel is clearly marked with its failures and last error, and can be switched back on", async ({ page, admin, app }) => {
  const res = await admin.post("/api/admin/channels", { name: "Flaky upstream", baseUrl: mock.url, apiKey: KEY, models: [CHAT_MODEL] });
  await appDb(app).channel.update({
    where: { id: res.body.id },
    data: { status: "auto_disabled", consecutiveFailures: 5, totalFailures: 12, lastError: "HTTP 503: upstream overloaded", lastFailureAt: new Date() },
  });
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.goto("/dashboard/admin/channels");
  await expect(page.getByTestId("auto-disabled-alert")).toContainText("Flaky upstream");
  const row = page.getByTestId("channels-table").getByRole("row", { name: /Flaky upstream/ });
  await expect(row).toContainText("Auto-disabled");
  await expect(row).toContainText("5 in a row");
  await expect(row).toContainText("12 total");
  await expect(row).toContainText("HTTP 503: upstream overloaded");
  await snap(page, "admin-channels-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "admin-channels-phone");
  await page.getByRole("button", { name: "New channel" }).click();
  await snap(page, "admin-channels-dialog-phone");
  await page.keyboard.press("Escape");
  await page.setViewportSize({ width: 1280, height: 800 });

  await row.getByRole("switch", { name: "Enable channel Flaky upstream" }).click();
  await expect(row).toContainText("Active");
  await expect(page.getByTestId("auto-disabled-alert")).toHaveCount(0);
  expect((await admin.get(`/api/admin/channels/${res.body.id}`)).body).toMatchObject({ status: "active", consecutiveFailures: 0 });
});
