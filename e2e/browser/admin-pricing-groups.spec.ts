import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { apiClient } from "../support/api-client";
import { createUser, expect, ROOT_ADMIN, signIn, snap, test } from "../support/fixtures";
import { addChannel, CHAT_MODEL, ensureModels, openaiFor } from "../support/relay-fixture";
import { login } from "../support/session";

let mock: MockUpstream;

test.beforeAll(async ({ admin }) => {
  mock = await startMockUpstream();
  await ensureModels(admin);
});
test.afterAll(async () => {
  await mock?.close();
});

test("prices are typed in dollars per 1M tokens, the ratios follow; models are created, edited, switched off and deleted", async ({ page, admin }) => {
  const name = `acme/chat-pro-${Date.now()}`;
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.goto("/dashboard/admin/pricing");
  await expect(page.getByRole("heading", { name: "Pricing" })).toBeVisible();
  // mock-chat: ratio 1, completion 2 → $2 in, $4 out per 1M at group ratio 1.
  const chatRow = page.getByTestId("models-table").getByRole("row", { name: new RegExp(`^${CHAT_MODEL}\\b`) });
  await expect(chatRow).toContainText("$2.00");
  await expect(chatRow).toContainText("$4.00");

  await page.getByRole("button", { name: "New model" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Model name")).toBeFocused();
  await dialog.getByLabel("Model name").fill(name);
  await dialog.getByLabel("Input $ / 1M tokens").fill("-1");
  await dialog.getByRole("button", { name: "Add model" }).click();
  await expect(dialog.getByText("Must be 0 or more")).toBeVisible();
  await dialog.getByLabel("Input $ / 1M tokens").fill("3");
  await expect(dialog.getByText("Must be 0 or more")).toHaveCount(0);
  await dialog.getByLabel("Output $ / 1M tokens").fill("12");
  await dialog.getByLabel("Cached input $ / 1M").fill("0.3");
  await dialog.getByLabel("Cache write $ / 1M").fill("3.75");
  await dialog.getByLabel("Max output tokens").fill("16,384");
  await dialog.getByLabel("Context window (tokens)").fill("200,000");
  await expect(dialog.getByTestId("model-ratios")).toHaveText("Ratios: model 1.5 · completion 4 · cache 0.1 · cache write 1.25");
  await snap(page, "admin-pricing-dialog");
  await dialog.getByRole("button", { name: "Add model" }).click();
  await expect(dialog).not.toBeVisible();
  const row = page.getByTestId("models-table").getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("$3.00");
  await expect(row).toContainText("$12.00");
  await expect(row).toContainText("16,384");

  // A second model of the same name: the API's 409 is shown, the form keeps its values.
  await page.getByRole("button", { name: "New model" }).click();
  await dialog.getByLabel("Model name").fill(name);
  await dialog.getByLabel("Input $ / 1M tokens").fill("9");
  await dialog.getByRole("button", { name: "Add model" }).click();
  await expect(dialog.getByText(`A model named '${name}' exists.`)).toBeVisible();
  await expect(dialog.getByLabel("Input $ / 1M tokens")).toHaveValue("9");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Edit (the name has a slash: the API path is encoded per segment).
  await row.getByRole("button", { name: `Actions for model ${name}` }).click();
  await page.getByRole("menuitem", { name: "Edit", exact: true }).click();
  await expect(dialog.getByLabel("Output $ / 1M tokens")).toHaveValue("12");
  await dialog.getByLabel("Billing").selectOption("call");
  await dialog.getByLabel("Price per call ($)").fill("0.01");
  await dialog.getByRole("button", { name: "Save model" }).click();
  await expect(dialog).not.toBeVisible();
  await expect(row).toContainText("Fixed price");
  await expect(row.getByRole("cell").nth(5)).toHaveText("$0.01");
  const path = `/api/admin/models/${name.split("/").map(encodeURIComponent).join("/")}`;
  expect((await admin.get(path)).body).toMatchObject({
    fixedPrice: 0.01,
    modelRatio: 1.5,
    completionRatio: 4,
    cacheRatio: 0.1,
    cacheWriteRatio: 1.25,
    cacheWrite1hRatio: null,
    contextWindow: 200_000,
    maxOutputTokens: 16384,
  });

  await row.getByRole("switch", { name: `Enable model ${name}` }).click();
  await expect(row.getByRole("switch")).toHaveAttribute("aria-checked", "false");
  expect((await admin.get(path)).body.enabled).toBe(false);

  await snap(page, "admin-pricing-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "admin-pricing-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  await row.getByRole("button", { name: `Actions for model ${name}` }).click();
  await page.getByRole("menuitem", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(row).toHaveCount(0);
  expect((await admin.get(path)).status).toBe(404);
});

test("changing a group's ratio in the UI changes the user's effective rate and the next charge", async ({ page, admin, app }) => {
  const group = `gold-${Date.now() % 100000}`;
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.goto("/dashboard/admin/groups");
  await expect(page.getByRole("heading", { name: "Groups" })).toBeVisible();

  await page.getByRole("button", { name: "New group" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("bad name!");
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(dialog.getByText("Use 1-64 letters, digits, '.', '_' or '-'")).toBeVisible();
  await dialog.getByLabel("Name").fill(group);
  await dialog.getByLabel("Pricing ratio").fill("2");
  await dialog.getByLabel("Description").fill("Premium support, double price");
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(dialog).not.toBeVisible();
  const row = page.getByTestId("groups-table").getByRole("row", { name: new RegExp(`^${group} `) });
  await expect(row).toContainText("2×");
  await expect(row).toContainText("No channel");

  // A channel serving the group, a member with a token.
  const channel = await addChannel(admin, mock.url, { name: `gold-upstream-${group}`, groups: ["default", group] });
  const member = await createUser(admin, { group, balance: 50_000_000 });
  const token = await admin.post("/api/tokens", { name: "ratio-test", userId: member.id });
  const openai = openaiFor(app, token.body.key);
  const memberApi = apiClient(app, { cookie: await login(app, member.email, member.password) });
  await page.reload();
  await expect(row).toContainText(`gold-upstream-${group}`);
  await snap(page, "admin-groups-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "admin-groups-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  // The member's own Models page shows the group's rate.
  const userPage = await page.context().browser()!.newPage({ baseURL: app.url });
  await signIn(userPage, member.email, member.password);
  await userPage.goto("/dashboard/models");
  const userRow = userPage.getByRole("row", { name: new RegExp(CHAT_MODEL) });
  await expect(userRow).toContainText("$4.00");
  await expect(userRow).toContainText("$8.00");

  const rateOf = async () => (await memberApi.get("/api/models")).body.data.find((m: { name: string }) => m.name === CHAT_MODEL).rates;
  expect(await rateOf()).toMatchObject({ inputUsdPer1M: 4, outputUsdPer1M: 8 });

  const call = async () => {
    const before = (await admin.get(`/api/tokens/${token.body.id}`)).body.usedQuota as number;
    const res = await openai.chat.completions.create({ model: CHAT_MODEL, messages: [{ role: "user", content: "price check" }], max_tokens: 5 });
    const after = (await admin.get(`/api/tokens/${token.body.id}`)).body.usedQuota as number;
    return { cost: after - before, weighted: res.usage!.prompt_tokens + 2 * res.usage!.completion_tokens };
  };
  const first = await call();
  expect(first.cost).toBe(first.weighted * 2);

  // The admin raises the ratio to 3 in the UI.
  await row.getByRole("button", { name: `Actions for group ${group}` }).click();
  await page.getByRole("menuitem", { name: "Edit", exact: true }).click();
  await dialog.getByLabel("Pricing ratio").fill("3");
  await expect(dialog.getByText("Members pay 3× list price.")).toBeVisible();
  await dialog.getByRole("button", { name: "Save group" }).click();
  await expect(dialog).not.toBeVisible();
  await expect(row).toContainText("3×");

  expect(await rateOf()).toMatchObject({ inputUsdPer1M: 6, outputUsdPer1M: 12 });
  const second = await call();
  expect(second.weighted).toBe(first.weighted);
  expect(second.cost).toBe(first.weighted * 3);

  await userPage.reload();
  await expect(userRow).toContainText("$6.00");
  await expect(userRow).toContainText("$12.00");
  await userPage.close();

  // A group in use cannot be deleted: the API's 409 reason is shown.
  await row.getByRole("button", { name: `Actions for group ${group}` }).click();
  await page.getByRole("menuitem", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm.getByText(`Group '${group}' is still used by 1 user(s), 1 channel(s); move them first.`)).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  expect(channel.id).toBeGreaterThan(0);
});
