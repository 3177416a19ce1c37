import { readFileSync } from "node:fs";
import { createUser, expect, ROOT_ADMIN, signIn, snap, test } from "../support/fixtures";

test.describe.configure({ mode: "serial" });

test("an admin creates codes in dollars, downloads them, and a person redeems one and sees it in the history", async ({ page, admin, browser, app }) => {
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Redemption codes" }).click();
  await expect(page.getByText("No redemption codes yet")).toBeVisible();

  await page.getByRole("button", { name: "New codes" }).click();
  const dialog = page.getByTestId("batch-dialog");
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await dialog.getByRole("button", { name: "Create codes" }).click();
  await expect(dialog.getByText("Give the batch a name")).toBeVisible();
  await expect(dialog.getByText("Enter the value of each code, e.g. $10")).toBeVisible();
  await dialog.getByLabel("Name").fill("Spring promo");
  await dialog.getByLabel("How many codes").fill("3");
  await dialog.getByLabel("Value of each code", { exact: true }).fill("$7.50");
  await expect(dialog.getByText("= 3,750,000 credits")).toBeVisible();
  await dialog.getByRole("button", { name: "Create codes" }).click();

  const created = page.getByTestId("created-codes-dialog");
  await expect(created.getByRole("heading", { name: "3 codes created" })).toBeVisible();
  const codes = (await created.getByTestId("created-codes").textContent())!.trim().split("\n");
  expect(codes).toHaveLength(3);
  const [download] = await Promise.all([page.waitForEvent("download"), created.getByRole("button", { name: "Download CSV" }).click()]);
  const csv = readFileSync((await download.path())!, "utf8").trim().split("\r\n");
  expect(csv[0]).toBe("code,name,usd,credits,maxUses,expiresAt");
  expect(csv.slice(1).map((l) => l.split(",")[0])).toEqual(codes);
  expect(csv[1]).toContain(",Spring promo,7.5,3750000,1,");
  await snap(page, "redemptions-created");
  await created.getByRole("button", { name: "I have saved the codes" }).click();
  const table = page.getByTestId("redemptions-table");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await expect(table).not.toContainText(codes[0]);
  await snap(page, "redemptions-desktop");

  // One code is switched off.
  const list = (await admin.get("/api/admin/redemptions")).body.data as { id: number; codePreview: string }[];
  const off = list.find((c) => codes[2].startsWith(c.codePreview.slice(0, 7)) && codes[2].endsWith(c.codePreview.slice(-4)))!;
  await table.getByRole("switch", { name: `Enable code ${off.codePreview}` }).click();
  await expect(table.getByRole("row", { name: new RegExp(off.codePreview.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })).toContainText("Disabled");

  // A person redeems a code on their account page.
  const user = await createUser(admin);
  const person = await browser.newPage({ baseURL: app.url });
  await signIn(person, user.email, user.password);
  await person.goto("/dashboard/account");
  const form = person.getByRole("form", { name: "Redeem a code" });
  await form.getByLabel("Redemption code").fill(codes[0].toLowerCase());
  await form.getByRole("button", { name: "Redeem" }).click();
  await expect(form.getByText("Added $7.50. Your balance is now $7.50.")).toBeVisible();
  await expect(person.getByTestId("account-balance")).toHaveText("$7.50");
  const history = person.getByTestId("balance-history");
  await expect(history).toContainText("Redeemed code");
  await expect(history).toContainText("+$7.50");
  await expect(history).toContainText("Spring promo");

  // The same code again, and the disabled one, are refused alike.
  for (const code of [codes[0], codes[2]]) {
    await form.getByLabel("Redemption code").fill(code);
    await form.getByRole("button", { name: "Redeem" }).click();
    await expect(form.getByText("This code cannot be redeemed.")).toBeVisible();
    await expect(form.getByLabel("Redemption code")).toHaveAttribute("aria-invalid", "true");
  }
  await snap(person, "account-redeem-refused");
  await person.setViewportSize({ width: 390, height: 844 });
  await snap(person, "account-phone");
  await person.close();
});

test("two people redeeming a single-use code at the same moment: it is redeemed once", async ({ admin, browser, app }) => {
  const [code] = (await admin.post("/api/admin/redemptions", { name: "Race", count: 1, amount: 1_000_000 })).body.data;
  const people = await Promise.all([createUser(admin), createUser(admin)]);
  const pages = await Promise.all(people.map(() => browser.newPage({ baseURL: app.url })));
  for (const [i, p] of pages.entries()) {
    await signIn(p, people[i].email, people[i].password);
    await p.goto("/dashboard/account");
    await p.getByLabel("Redemption code").fill(code.code);
  }
  await Promise.all(pages.map((p) => p.getByRole("button", { name: "Redeem" }).click()));
  const outcomes = await Promise.all(
    pages.map(async (p) => {
      const ok = p.getByText("Added $2.00.");
      const refused = p.getByText("This code cannot be redeemed.");
      await expect(ok.or(refused)).toBeVisible();
      return (await ok.isVisible()) ? "redeemed" : "refused";
    }),
  );
  expect(outcomes.sort()).toEqual(["redeemed", "refused"]);
  const balances = await Promise.all(people.map(async (u) => (await admin.get(`/api/admin/users/${u.id}`)).body.balance));
  expect(balances.sort()).toEqual([0, 1_000_000]);
  await Promise.all(pages.map((p) => p.close()));
});

test("dollars typed in the top-up land as the right credits, with the note in the history", async ({ page, admin }) => {
  const user = await createUser(admin);
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.goto(`/dashboard/admin/users/${user.id}`);
  await page.getByRole("button", { name: "Adjust credits" }).click();
  const topup = page.getByTestId("topup-dialog");
  await topup.getByLabel("Amount", { exact: true }).fill("$12.34");
  await expect(topup.getByText("= 6,170,000 credits")).toBeVisible();
  await topup.getByLabel("Note (optional)").fill("Invoice 2031-07");
  await topup.getByRole("button", { name: "Review" }).click();
  await expect(topup.getByTestId("topup-after")).toContainText("$12.34");
  await topup.getByRole("button", { name: "Add credits" }).click();
  await expect(topup).toBeHidden();
  expect((await admin.get(`/api/admin/users/${user.id}`)).body.balance).toBe(6_170_000);
  await expect(page.getByTestId("user-balance")).toHaveText("$12.34");
  const history = page.getByTestId("balance-history");
  await expect(history).toContainText("Top-up");
  await expect(history).toContainText("Invoice 2031-07");
  await snap(page, "admin-user-history");
});

test("people who register start with the credit an admin set", async ({ page, browser, app }) => {
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.goto("/dashboard/admin/redemptions");
  const form = page.getByRole("form", { name: "Starting credit" });
  await form.getByLabel("Starting credit for registered accounts", { exact: true }).fill("3");
  await form.getByRole("button", { name: "Save starting credit" }).click();
  await expect(page.getByText("New accounts start with $3.00.")).toBeVisible();

  const visitor = await browser.newPage({ baseURL: app.url });
  await visitor.goto("/register");
  await visitor.getByLabel("Email").fill(`newcomer-${Date.now()}@example.com`);
  await visitor.getByLabel("Password").fill("newcomer password");
  await visitor.getByRole("button", { name: "Create account" }).click();
  await expect(visitor).toHaveURL(/\/dashboard$/);
  await expect(visitor.getByTestId("balance")).toHaveText("$3.00");
  await visitor.goto("/dashboard/account");
  await expect(visitor.getByTestId("balance-history")).toContainText("Starting credit");
  await visitor.close();
});
