import { createUser, expect, ROOT_ADMIN, signIn, snap, test, useMockUpstream } from "../support/fixtures";
import { CHAT_MODEL, EMBED_MODEL, openaiFor } from "../support/relay-fixture";

const mock = useMockUpstream({ name: "primary" });

test("an admin sees everyone's usage: per user, per channel with error rate and latency, charts that follow the filters", async ({ app, admin, page }) => {
  const ann = await createUser(admin, { balance: 10_000_000 });
  const ben = await createUser(admin, { balance: 10_000_000 });
  const annKey = (await admin.post("/api/tokens", { name: "ann-app", userId: ann.id })).body.key;
  const benKey = (await admin.post("/api/tokens", { name: "ben-app", userId: ben.id })).body.key;
  for (let i = 0; i < 3; i++) await openaiFor(app, annKey).chat.completions.create({ model: CHAT_MODEL, messages: [{ role: "user", content: `a${i}` }] });
  await openaiFor(app, benKey).embeddings.create({ model: EMBED_MODEL, input: "b" });
  mock().setFault({ type: "status", status: 500, message: "upstream broke", times: 3 });
  await expect(openaiFor(app, benKey).chat.completions.create({ model: CHAT_MODEL, messages: [{ role: "user", content: "x" }] })).rejects.toThrow();
  mock().setFault(null);

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.goto("/dashboard/usage");
  // An admin starts with their own usage (none), then picks everyone.
  await expect(page.getByTestId("total-requests")).toHaveText("0");
  const filters = page.getByRole("form", { name: "Filter requests" });
  await filters.getByLabel("User").selectOption("all");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/user=all/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("total-requests")).toHaveText("5", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("total-requests").locator("..")).toContainText("Requests (everyone, all time)");
  await expect(page.getByTestId("total-errors")).toHaveText("1");
  await expect(page.getByTestId("spend-by-model-chart")).toBeVisible();
  await expect(page.getByTestId("requests-chart")).toBeVisible();
  await expect(page.getByTestId("usage-table").locator("tbody tr")).toHaveCount(5);

  const breakdown = page.getByTestId("breakdown-table");
  const tabs = page.getByRole("navigation", { name: "Break down by" });
  await tabs.getByRole("link", { name: "By user" }).click();
  await expect(breakdown.getByRole("row", { name: new RegExp(ann.email) })).toContainText("3");
  await expect(breakdown.getByRole("row", { name: new RegExp(ben.email) })).toContainText("50%");
  await tabs.getByRole("link", { name: "By channel" }).click();
  const primary = breakdown.getByRole("row", { name: /primary/ });
  await expect(primary).toContainText("1 (20%)");
  // Average, median and 95th percentile latency.
  for (const i of [3, 4, 5]) await expect(primary.getByRole("cell").nth(i)).toHaveText(/^\d+ ms$|^\d+\.\d\d s$/);
  await snap(page, "admin-usage-everyone-1440");

  // One person's usage, from the user filter: the charts and cards follow.
  await filters.getByLabel("User").selectOption(String(ben.id));
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("total-requests")).toHaveText("2");
  await expect(page.getByTestId("total-requests").locator("..")).toContainText("Requests (all time)");
  await expect(tabs.getByRole("link", { name: "By user" })).toHaveCount(0);
  await filters.getByLabel("Model").selectOption(EMBED_MODEL);
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("total-requests")).toHaveText("1");
  await expect(page.getByTestId("total-requests").locator("..")).toContainText("Requests (matching)");
  await expect(page.getByTestId("total-errors")).toHaveText("0");

  // The users list shows what each spent this month, linking to their usage.
  await page.goto("/dashboard/admin/users");
  await expect(page.getByTestId(`month-spend-${ann.id}`)).toHaveText(/^\$0\.000\d+$/);
  await expect(page.getByTestId(`month-spend-${ROOT_ADMIN_ID(await admin.get("/api/admin/users"))}`)).toHaveText("$0.00");
  await page.getByTestId(`month-spend-${ann.id}`).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/usage\\?user=${ann.id}$`));
  await expect(page.getByTestId("total-requests")).toHaveText("3");
  await snap(page, "admin-usage-one-user");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "admin-usage-phone");
});

function ROOT_ADMIN_ID(res: { body: { data: { id: number; email: string }[] } }): number {
  return res.body.data.find((u) => u.email === ROOT_ADMIN.email)!.id;
}
