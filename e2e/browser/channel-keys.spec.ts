import { startMockUpstream, type MockUpstream } from "../mock-upstream/server";
import { registerSecret } from "../support/app";
import { expect, ROOT_ADMIN, signIn, snap, test } from "../support/fixtures";
import { CHAT_MODEL, ensureModels, newTokenOwner, openaiFor } from "../support/relay-fixture";

const KEYS = ["sk-mock-KEYONE-aaaa0001", "sk-mock-KEYTWO-bbbb0002", "sk-mock-KEYTHREE-cccc0003"];
KEYS.forEach(registerSecret);
let mock: MockUpstream;

test.beforeAll(async ({ admin }) => {
  mock = await startMockUpstream({ apiKeys: KEYS });
  await ensureModels(admin);
});
test.afterAll(async () => {
  await mock?.close();
});

test("a channel with three keys: each shown masked with its state; a revoked key is set aside, tested alone, and back in service", async ({ page, admin, app }) => {
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.goto("/dashboard/admin/channels");
  await page.getByRole("button", { name: "New channel" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Pooled keys");
  await dialog.getByLabel("Base URL").fill(mock.url);
  await dialog.getByLabel("API keys").fill(KEYS.join("\n"));
  await dialog.getByLabel("Models").fill(CHAT_MODEL);
  await dialog.getByRole("button", { name: "Create channel" }).click();
  await expect(dialog).not.toBeVisible();

  const row = page.getByTestId("channels-table").getByRole("row", { name: /Pooled keys/ });
  await expect(row.getByRole("button", { name: "Keys of channel Pooled keys" })).toHaveText(/3 keys$/);
  await expect(page.locator("body")).not.toContainText("KEYTWO");

  // The second key is revoked upstream; calls keep being answered on the other two.
  mock.setKeys([KEYS[0], KEYS[2]]);
  const { key } = await newTokenOwner(app, admin);
  for (let i = 0; i < 4; i++) {
    const res = await openaiFor(app, key).chat.completions.create({ model: CHAT_MODEL, messages: [{ role: "user", content: "hi" }] });
    expect(res.choices[0].message.content).toBe("Hello from mock: hi");
  }

  await page.reload();
  const keysButton = row.getByRole("button", { name: "Keys of channel Pooled keys" });
  await expect(keysButton).toContainText("1 set aside");
  await expect(row).toContainText("Active");
  await keysButton.click();
  const keys = page.getByTestId("channel-keys-dialog");
  await expect(keys.getByTestId("channel-key-0")).toContainText("In service");
  await expect(keys.getByTestId("channel-key-1")).toContainText("sk-…0002");
  await expect(keys.getByTestId("channel-key-1")).toContainText("Set aside (HTTP 401)");
  await expect(keys).not.toContainText("KEYTWO");
  await snap(page, "channel-keys-set-aside");

  await keys.getByRole("button", { name: "Test key 2 (sk-…0002)" }).click();
  await expect(keys.getByTestId("channel-key-1")).toContainText("HTTP 401: Incorrect API key provided.");

  // Put back upstream: its own test brings it back into service at once.
  mock.setKeys(KEYS);
  await keys.getByRole("button", { name: "Test key 2 (sk-…0002)" }).click();
  await expect(keys.getByTestId("channel-key-1")).toContainText(/OK · [\d,]+ ms/);
  await expect(keys.getByTestId("channel-key-1")).toContainText("In service");
  await snap(page, "channel-keys-restored");
  await page.keyboard.press("Escape");
  await expect(keysButton).toHaveText(/3 keys$/);
});
