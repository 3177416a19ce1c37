import { createUser, expect, signIn, snap, test } from "../support/fixtures";

test("a user changes their password; a wrong current password is a field error", async ({ admin, page }) => {
  const user = await createUser(admin, { balance: 500_000 });
  await signIn(page, user.email, user.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
  await expect(page.getByTestId("account-balance")).toHaveText("$1.00");
  await expect(page.getByTestId("account-balance").locator("..")).toContainText("500,000 credits");
  // The admin's top-up is in the balance history.
  await expect(page.getByTestId("balance-history").getByRole("row", { name: /Top-up/ })).toContainText("+$1.00");

  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("New password", { exact: true }).fill("short");
  await form.getByLabel("Repeat the new password").fill("different");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Use at least 8 characters")).toBeVisible();
  await expect(form.getByText("The two new passwords differ.")).toBeVisible();

  await form.getByLabel("New password", { exact: true }).fill("a brand new password");
  await form.getByLabel("Repeat the new password").fill("a brand new password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("The current password is not correct.")).toBeVisible();
  await expect(form.getByLabel("New password", { exact: true })).toHaveValue("a brand new password");
  await snap(page, "account-password-error-desktop");

  await form.getByLabel("Current password").fill(user.password);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Your password has been changed.")).toBeVisible();

  // The old password no longer works; the new one does.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await signIn(page, user.email, "a brand new password");
});
