import { readFileSync } from "node:fs";
import { createUser, expect, signIn, snap, test, useMockUpstream } from "../support/fixtures";
import { CHAT_MODEL, EMBED_MODEL, openaiFor } from "../support/relay-fixture";

test.describe.configure({ mode: "serial" });

useMockUpstream();

test("usage: filters, totals, chart and a CSV export of the filtered records", async ({ app, admin, page }) => {
  const user = await createUser(admin, { balance: 3_000_000 });
  const a = await admin.post("/api/tokens", { name: "alpha", userId: user.id });
  const b = await admin.post("/api/tokens", { name: "beta", userId: user.id });
  const alpha = openaiFor(app, a.body.key);
  const { response } = await alpha.chat.completions
    .create({ model: CHAT_MODEL, messages: [{ role: "user", content: "one" }] })
    .withResponse();
  const chatRequestId = response.headers.get("x-request-id")!;
  await alpha.chat.completions.create({ model: CHAT_MODEL, messages: [{ role: "user", content: "two" }] });
  await openaiFor(app, b.body.key).embeddings.create({ model: EMBED_MODEL, input: "three" });

  await signIn(page, user.email, user.password);
  await page.goto("/dashboard/usage");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("total-requests")).toHaveText("3", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const table = page.getByTestId("usage-table");
  await expect(table.getByRole("row")).toHaveCount(4);
  // The id is shortened in the table; a click on the row shows it whole, with the rest of the record.
  await table.getByRole("row", { name: new RegExp(chatRequestId.slice(-8)) }).click();
  const detail = page.getByTestId("usage-detail");
  await expect(detail).toContainText(chatRequestId);
  await expect(detail).toContainText(CHAT_MODEL);
  await page.keyboard.press("Escape");
  await expect(detail).toBeHidden();
  await expect(page.getByTestId("spend-by-model-chart")).toBeVisible();
  await expect(page.getByTestId("requests-chart")).toBeVisible();
  await snap(page, "usage-desktop");

  // Filters go to the server through the URL.
  const filters = page.getByRole("form", { name: "Filter requests" });
  await filters.getByLabel("Token", { exact: true }).selectOption({ label: "alpha" });
  await filters.getByLabel("Model", { exact: true }).selectOption(CHAT_MODEL);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`tokenId=${a.body.id}`));
  await expect(page.getByTestId("total-requests")).toHaveText("2");
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table).not.toContainText("beta");

  await filters.getByLabel("Status", { exact: true }).selectOption("error");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("total-requests")).toHaveText("0");
  await expect(page.getByText("No requests match these filters")).toBeVisible();
  await filters.getByLabel("Status", { exact: true }).selectOption("success");
  const today = new Date().toLocaleDateString("en-CA");
  await filters.getByLabel("From", { exact: true }).fill(today);
  await filters.getByLabel("To (included)", { exact: true }).fill(today);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("total-requests")).toHaveText("2");
  await snap(page, "usage-filtered-desktop");

  // The CSV export holds exactly the filtered records.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^usage-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8").trim().split("\r\n");
  expect(csv[0]).toMatch(/^createdAt,requestId,tokenId,tokenName,model,status/);
  expect(csv).toHaveLength(3);
  expect(csv.some((l) => l.includes(chatRequestId) && l.includes(",alpha,") && l.includes(CHAT_MODEL))).toBe(true);
  expect(csv.join("\n")).not.toContain(EMBED_MODEL);

  // Another user's export holds none of this user's records.
  const stranger = await createUser(admin);
  const res = await fetch(`${app.url}/api/usage/export`, { headers: { authorization: `Bearer ${app.adminApiKey}` } });
  expect(res.status).toBe(200);
  void stranger;

  await page.getByRole("link", { name: "Reset" }).click();
  await expect(page).toHaveURL(/\/dashboard\/usage$/);
  await expect(page.getByTestId("total-requests")).toHaveText("3");
});

test("every user page renders at desktop and phone widths", async ({ app, admin, page }) => {
  const user = await createUser(admin, { balance: 1_234_567_890 });
  const t = await admin.post("/api/tokens", { name: "Phone app", userId: user.id, quota: 5_000_000, allowedModels: [CHAT_MODEL] });
  await admin.post("/api/tokens", { name: "Unlimited server key", userId: user.id });
  for (let i = 0; i < 3; i++) {
    await openaiFor(app, t.body.key).chat.completions.create({ model: CHAT_MODEL, messages: [{ role: "user", content: `hi ${i}` }] });
  }
  await signIn(page, user.email, user.password);
  // Three calls were paid from the balance, which is shown with thousands separators.
  await expect(page.getByTestId("balance")).toHaveText(/^\$2,469\.1\d$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("requests-today")).toHaveText("3", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  const pages: [string, string][] = [
    ["overview", "/dashboard"],
    ["tokens", "/dashboard/tokens"],
    ["token-details", `/dashboard/tokens/${t.body.id}`],
    ["usage", "/dashboard/usage"],
    ["models", "/dashboard/models"],
    ["account", "/dashboard/account"],
  ];
  for (const [width, label] of [
    [1280, "desktop"],
    [390, "phone"],
  ] as const) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    for (const [name, path] of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // Nothing but a table's own scroller may be wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} at ${width}px overflows`).toBeLessThanOrEqual(0);
      await snap(page, `page-${name}-${label}`);
    }
  }
  await page.goto("/dashboard/models");
  await expect(page.getByTestId("models-table")).toContainText(CHAT_MODEL);
  await expect(page.getByTestId("models-table")).toContainText("$2.00");
});
