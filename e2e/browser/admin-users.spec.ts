import { expect, ROOT_ADMIN, signIn, snap, test } from "../support/fixtures";

test("an admin creates a user, tops up and deducts credits, edits the account and sees its tokens", async ({ page, admin }) => {
  await admin.post("/api/admin/groups", { name: "team-b", ratio: 0.5, description: "Half price" });
  const email = `new-user-${Date.now()}@example.com`;
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.goto("/dashboard/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill("not-an-email");
  await dialog.getByLabel("Password").fill("short");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByText("Enter a valid email address")).toBeVisible();
  await expect(dialog.getByText("Use at least 8 characters")).toBeVisible();

  // The API's own refusal (an email that exists) is shown under the field; nothing typed is lost.
  await dialog.getByLabel("Email").fill(ROOT_ADMIN.email);
  await dialog.getByLabel("Password").fill("a good password");
  await dialog.getByLabel("Name").fill("Grace Hopper");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByText("A user with this email exists.")).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveValue("Grace Hopper");

  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Group").selectOption("team-b");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog).not.toBeVisible();
  const row = page.getByTestId("users-table").getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("Grace Hopper");
  await expect(row).toContainText("team-b");
  const id = (await admin.get("/api/admin/users")).body.data.find((u: { email: string }) => u.email === email).id;
  await expect(page.getByTestId(`balance-${id}`)).toHaveText("$0.00");

  // Top up 2,500,000 credits, typed in the credits mode; the dialog confirms with the balance before and after.
  await row.getByRole("button", { name: `Actions for ${email}` }).click();
  await page.getByRole("menuitem", { name: "Adjust credits", exact: true }).click();
  const topup = page.getByRole("dialog");
  await expect(topup.getByLabel("Action")).toBeFocused();
  await topup.getByRole("radio", { name: "Credits" }).click();
  await topup.getByLabel("Amount", { exact: true }).fill("2,500,000");
  await expect(topup.getByText("= $5.00")).toBeVisible();
  await topup.getByRole("button", { name: "Review" }).click();
  await expect(topup.getByTestId("topup-before")).toContainText("$0.00");
  await expect(topup.getByTestId("topup-after")).toContainText("$5.00");
  await snap(page, "admin-users-topup-confirm");
  await topup.getByRole("button", { name: "Add credits" }).click();
  await expect(topup).not.toBeVisible();
  await expect(page.getByTestId(`balance-${id}`)).toHaveText("$5.00");
  await expect(row).toContainText("2,500,000 credits");

  // Deducting more than the balance is refused by the API, and its message is shown.
  await row.getByRole("button", { name: `Actions for ${email}` }).click();
  await page.getByRole("menuitem", { name: "Adjust credits", exact: true }).click();
  await topup.getByLabel("Action").selectOption("deduct");
  await topup.getByLabel("Amount", { exact: true }).fill("$6");
  await expect(topup.getByText("= 3,000,000 credits")).toBeVisible();
  await topup.getByRole("button", { name: "Review" }).click();
  await expect(topup.getByText("Below zero: the gateway will refuse this.")).toBeVisible();
  await topup.getByRole("button", { name: "Deduct credits" }).click();
  await expect(topup.getByText("This would make the balance negative")).toBeVisible();
  await snap(page, "admin-users-topup-refused");
  await topup.getByRole("button", { name: "Back" }).click();
  await expect(topup.getByLabel("Amount", { exact: true })).toHaveValue("$6");
  await topup.getByLabel("Amount", { exact: true }).fill("1.5");
  await topup.getByRole("button", { name: "Review" }).click();
  await topup.getByRole("button", { name: "Deduct credits" }).click();
  await expect(topup).not.toBeVisible();
  await expect(page.getByTestId(`balance-${id}`)).toHaveText("$3.50");
  expect((await admin.get(`/api/admin/users/${id}`)).body.balance).toBe(1_750_000);

  // Edit role, group and status.
  await row.getByRole("button", { name: `Actions for ${email}` }).click();
  await page.getByRole("menuitem", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog");
  await edit.getByLabel("Role").selectOption("admin");
  await edit.getByLabel("Group").selectOption("default");
  await edit.getByLabel("Status").selectOption("disabled");
  await edit.getByRole("button", { name: "Save user" }).click();
  await expect(edit).not.toBeVisible();
  await expect(row).toContainText("Admin");
  await expect(row).toContainText("Disabled");
  expect((await admin.get(`/api/admin/users/${id}`)).body).toMatchObject({ role: "admin", group: "default", status: "disabled" });
  await snap(page, "admin-users-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "admin-users-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  // The user's tokens.
  await admin.post("/api/tokens", { name: "ci-pipeline", userId: id, quota: 1_000_000 });
  await admin.post("/api/tokens", { name: "notebook", userId: id });
  await row.getByRole("button", { name: `Actions for ${email}` }).click();
  await page.getByRole("menuitem", { name: "View tokens", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/admin/users/${id}$`));
  await expect(page.getByRole("heading", { name: "Grace Hopper" })).toBeVisible();
  await expect(page.getByTestId("user-balance")).toHaveText("$3.50");
  const tokens = page.getByTestId("user-tokens-table");
  await expect(tokens.getByRole("row", { name: /ci-pipeline/ })).toContainText("$2.00 left");
  await expect(tokens.getByRole("row", { name: /notebook/ })).toContainText("Unlimited");
  await snap(page, "admin-user-detail-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "admin-user-detail-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  // An admin can switch a user's token off from here.
  await tokens.getByRole("switch", { name: "Enable token notebook" }).click();
  await expect(tokens.getByRole("row", { name: /notebook/ })).toContainText("Disabled");
});

test("an unknown user id is a 404", async ({ page }) => {
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  const res = await page.goto("/dashboard/admin/users/999999");
  expect(res?.status()).toBe(404);
});
