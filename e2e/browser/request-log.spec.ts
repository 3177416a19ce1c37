import { createUser, expect, signIn, snap, test, useMockUpstream } from "../support/fixtures";
import { CHAT_MODEL, openaiFor } from "../support/relay-fixture";

const mock = useMockUpstream();

test("the request log fits 1440 px, pages through the records, and opens a record's details", async ({ app, admin, page }) => {
  const user = await createUser(admin, { balance: 50_000_000 });
  const t = await admin.post("/api/tokens", { name: "batch job", userId: user.id });
  const client = openaiFor(app, t.body.key);
  for (let i = 0; i < 30; i++) await client.chat.completions.create({ model: CHAT_MODEL, messages: [{ role: "user", content: `call ${i}` }] });

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, user.email, user.password);
  await page.goto("/dashboard/usage?limit=25");
  const table = page.getByTestId("usage-table");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("total-requests")).toHaveText("30", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(table.locator("tbody tr")).toHaveCount(25);
  // Every column is in view: the table does not scroll sideways at 1440 px.
  const scroll = await table.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth);
  expect(scroll).toBeLessThanOrEqual(0);
  await expect(table.getByRole("columnheader", { name: /Request/ })).toBeVisible();
  await snap(page, "request-log-1440");

  // Page size and paging.
  const pager = page.getByRole("navigation", { name: "Request log pages" });
  await expect(pager.getByTestId("log-range")).toHaveText("1–25 of 30");
  await pager.getByRole("link", { name: "Next" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(5);
  await expect(pager.getByTestId("log-range")).toHaveText("26–30 of 30");
  await expect(pager.getByRole("link", { name: "Next" })).toHaveCount(0);
  await pager.getByRole("link", { name: "Previous" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(25);
  await pager.getByLabel("Rows per page").selectOption("50");
  await expect(page).toHaveURL(/limit=50/);
  await expect(table.locator("tbody tr")).toHaveCount(30);

  // Sorting is done by the server, over every record, not just the page shown.
  await table.getByRole("button", { name: "Sort by Latency" }).click();
  await expect(page).toHaveURL(/sort=latency&order=asc/);
  const latencies = async () =>
    (await table.locator("tbody tr td:nth-child(7)").allTextContents()).map((t) => (t.endsWith(" s") ? parseFloat(t) * 1000 : parseInt(t, 10)));
  await expect.poll(async () => (await latencies()).every((ms, i, all) => i === 0 || all[i - 1] <= ms)).toBe(true);
  await table.getByRole("button", { name: "Sort by Latency" }).click();
  await expect(page).toHaveURL(/sort=latency&order=desc/);
  await expect.poll(async () => (await latencies()).every((ms, i, all) => i === 0 || all[i - 1] >= ms)).toBe(true);
  await page.goto("/dashboard/usage?limit=25&sort=latency&order=desc&page=2");
  await expect(table.locator("tbody tr")).toHaveCount(5);

  // The row's details, from the keyboard too.
  const first = table.locator("tbody tr").first();
  await first.focus();
  await page.keyboard.press("Enter");
  const detail = page.getByTestId("usage-detail");
  await expect(detail.getByRole("heading", { name: "Request details" })).toBeVisible();
  await expect(detail).toContainText("batch job");
  await expect(detail).toContainText(/\$0\.0000\d+ · \d+ credits/);
  await expect(detail).toContainText(/\d+ in \(0 cached\) · \d+ out/);
  await snap(page, "request-log-detail");
  await page.keyboard.press("Escape");
});

test("a filter that matches nothing says so, and failed calls show in red", async ({ app, admin, page }) => {
  const user = await createUser(admin, { balance: 5_000_000 });
  const t = await admin.post("/api/tokens", { name: "flaky", userId: user.id });
  mock().setFault({ type: "status", status: 500, message: "upstream broke", times: 5 });
  await expect(openaiFor(app, t.body.key).chat.completions.create({ model: CHAT_MODEL, messages: [{ role: "user", content: "x" }] })).rejects.toThrow();
  mock().setFault(null);
  await signIn(page, user.email, user.password);
  await page.goto("/dashboard/usage?status=error");
  const table = page.getByTestId("usage-table");
  await expect(async () => {
    await page.reload();
    await expect(table.locator("tbody tr").first().getByText("502")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  // The short reason is in the log, and the details show every channel tried.
  const reason = table.locator("tbody tr").first().getByTestId("usage-error");
  await expect(reason).not.toBeEmpty();
  await table.locator("tbody tr").first().click();
  await expect(page.getByTestId("usage-detail")).toContainText("upstream_error");
  await snap(page, "request-log-error-detail");
  await page.keyboard.press("Escape");
  await snap(page, "request-log-errors");

  await page.goto("/dashboard/usage?model=no-such-model");
  await expect(page.getByText("No requests match these filters")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/dashboard\/usage$/);
});
