import { startAnthropicMock, type AnthropicMock } from "../mock-upstream/anthropic";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { expect, ROOT_ADMIN, signIn, snap, test } from "../support/fixtures";

// The channel form takes each type's own fields (Azure's api-version, Anthropic's version and betas)
// with placeholders per type, and the test button reaches each type in its own format.
let openai: MockUpstream;
let anthropic: AnthropicMock;

test.beforeAll(async () => {
  [openai, anthropic] = await Promise.all([startMockUpstream(), startAnthropicMock()]);
});
test.afterAll(async () => {
  await Promise.all([openai?.close(), anthropic?.close()]);
});

test("an admin creates Azure and Anthropic channels with their own fields, and tests each", async ({ page, admin }) => {
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.goto("/dashboard/admin/channels");
  await page.getByRole("button", { name: "New channel" }).click();
  const dialog = page.getByRole("dialog");

  // Each type shows its own placeholders; only Azure has an API version.
  const type = dialog.getByLabel("Type");
  await expect(dialog.getByLabel("Base URL")).toHaveAttribute("placeholder", "https://api.openai.com/v1");
  await expect(dialog.getByLabel("API version")).toHaveCount(0);
  await type.selectOption("gemini");
  await expect(dialog.getByLabel("Base URL")).toHaveAttribute("placeholder", "https://generativelanguage.googleapis.com/v1beta");
  await expect(dialog.getByLabel("API key")).toHaveAttribute("placeholder", "AIza…");
  await type.selectOption("azure");
  await expect(dialog.getByLabel("Base URL")).toHaveAttribute("placeholder", "https://my-resource.openai.azure.com");
  await expect(dialog.getByLabel("API version")).toHaveAttribute("placeholder", "2025-04-01-preview");

  await dialog.getByLabel("Name").fill("Azure east");
  await dialog.getByLabel("Base URL").fill(openai.origin);
  await dialog.getByLabel("API version").fill("not a version");
  await dialog.getByLabel("API key").fill("mock-key");
  await dialog.getByLabel("Models").fill("gpt-5");
  await dialog.getByRole("button", { name: "Add mapping" }).click();
  await dialog.getByLabel("Mapping 1: requested model").fill("gpt-5");
  await dialog.getByLabel("Mapping 1: upstream model").fill("my-gpt5");
  await dialog.getByRole("button", { name: "Create channel" }).click();
  await expect(dialog.getByText("Must look like 2024-10-21 or 2025-04-01-preview")).toBeVisible();
  await dialog.getByLabel("API version").fill("2025-04-01-preview");
  await dialog.getByLabel("Type").scrollIntoViewIfNeeded();
  await snap(page, "admin-channels-form-azure");
  await dialog.getByRole("button", { name: "Create channel" }).click();
  await expect(dialog).not.toBeVisible();

  await page.getByRole("button", { name: "New channel" }).click();
  await type.selectOption("anthropic");
  await expect(dialog.getByLabel("API version")).toHaveCount(0);
  await expect(dialog.getByLabel("anthropic-version")).toHaveAttribute("placeholder", "2023-06-01");
  await dialog.getByLabel("Name").fill("Claude");
  await dialog.getByLabel("Base URL").fill(anthropic.url);
  await dialog.getByLabel("API key").fill("mock-key");
  await dialog.getByLabel("Models").fill("claude-sonnet-4-5");
  await dialog.getByLabel("anthropic-beta").fill("context-1m-2025-08-07");
  await dialog.getByLabel("Extra headers").fill("x-team: research");
  await dialog.getByLabel("Type").scrollIntoViewIfNeeded();
  await snap(page, "admin-channels-form-anthropic");
  await dialog.getByRole("button", { name: "Create channel" }).click();
  await expect(dialog).not.toBeVisible();

  const list = (await admin.get("/api/admin/channels")).body.data as { id: number; name: string }[];
  const azure = list.find((c) => c.name === "Azure east")!;
  const claude = list.find((c) => c.name === "Claude")!;
  expect(azure).toMatchObject({ type: "azure", apiVersion: "2025-04-01-preview", baseUrl: openai.origin, modelMapping: { "gpt-5": "my-gpt5" } });
  expect(claude).toMatchObject({ type: "anthropic", apiVersion: null, headers: { "anthropic-beta": "context-1m-2025-08-07", "x-team": "research" } });

  // The test button sends each type's own request.
  for (const [c, upstream, path] of [
    [azure, openai, "/openai/deployments/my-gpt5/chat/completions?api-version=2025-04-01-preview"],
    [claude, anthropic, "/v1/messages"],
  ] as const) {
    upstream.reset();
    const row = page.getByTestId("channels-table").getByRole("row", { name: new RegExp(c.name) });
    await row.getByRole("button", { name: `Test channel ${c.name}` }).click();
    await expect(page.getByTestId(`channel-test-result-${c.id}`)).toHaveText(/OK · [\d,]+ ms/);
    expect(upstream.requests.map((r) => r.path)).toEqual([path]);
  }
  expect(anthropic.requests[0].headers).toMatchObject({ "x-api-key": "mock-key", "anthropic-beta": "context-1m-2025-08-07", "x-team": "research" });
  await snap(page, "admin-channels-types-tested");

  // Editing shows the stored fields in their places; a version added there is saved as a header.
  const row = page.getByTestId("channels-table").getByRole("row", { name: /Claude/ });
  await row.getByRole("button", { name: "Actions for channel Claude" }).click();
  await page.getByRole("menuitem", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog");
  await expect(edit.getByLabel("Type")).toHaveValue("anthropic");
  await expect(edit.getByLabel("anthropic-beta")).toHaveValue("context-1m-2025-08-07");
  await expect(edit.getByLabel("Extra headers")).toHaveValue("x-team: research");
  await edit.getByLabel("anthropic-version").fill("2023-06-01");
  await edit.getByRole("button", { name: "Save channel" }).click();
  await expect(edit).not.toBeVisible();
  expect((await admin.get(`/api/admin/channels/${claude.id}`)).body.headers).toEqual({
    "anthropic-version": "2023-06-01",
    "anthropic-beta": "context-1m-2025-08-07",
    "x-team": "research",
  });
});
