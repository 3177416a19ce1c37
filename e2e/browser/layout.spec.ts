import { expect, ROOT_ADMIN, signIn, snap, test } from "../support/fixtures";

const ADMIN_ENTRIES = ["Overview", "Tokens", "Usage", "Models", "Account", "Users", "Groups", "Pricing", "Channels"];
const PAGES: [string, string][] = [
  ["overview", "/dashboard"],
  ["tokens", "/dashboard/tokens"],
  ["usage", "/dashboard/usage"],
  ["models", "/dashboard/models"],
  ["account", "/dashboard/account"],
  ["users", "/dashboard/admin/users"],
  ["groups", "/dashboard/admin/groups"],
  ["pricing", "/dashboard/admin/pricing"],
  ["channels", "/dashboard/admin/channels"],
];

/** The relative luminance (0 black … 1 white) of an element's computed background. */
async function backgroundLuminance(page: import("@playwright/test").Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => {
    const probe = document.createElement("canvas").getContext("2d")!;
    probe.fillStyle = getComputedStyle(el).backgroundColor;
    probe.fillRect(0, 0, 1, 1);
    const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
}

test("at 390 px the header is one row and the menu holds every entry; tables keep their key columns and row actions", async ({ page, admin }) => {
  await admin.post("/api/admin/groups", { name: "phone-group", ratio: 1 });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);

  const header = page.locator("header").first();
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(57);
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const entry of ADMIN_ENTRIES) await expect(nav.getByRole("link", { name: entry })).toBeInViewport();
  await snap(page, "layout-menu-phone");
  await nav.getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(/\/dashboard\/admin\/users$/);
  await expect(nav).toBeHidden();

  // The users table: who, balance, status and the row's actions are on screen without scrolling.
  const row = page.getByTestId("users-table").getByRole("row", { name: new RegExp(ROOT_ADMIN.email) });
  await expect(row.getByRole("link", { name: ROOT_ADMIN.email })).toBeInViewport();
  await expect(row.getByRole("button", { name: `Actions for ${ROOT_ADMIN.email}` })).toBeInViewport();
  await expect(row.getByRole("cell").filter({ hasText: /^Admin$/ })).toBeHidden();
  await snap(page, "layout-users-phone");
});

test("dark mode follows the system, the toggle overrides it, and every page reads well in both at both widths", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  expect(await backgroundLuminance(page, "body")).toBeLessThan(0.1);
  expect(await backgroundLuminance(page, "[data-testid=balance]")).toBeLessThan(0.1);

  // The toggle wins over the system, and is remembered.
  const theme = page.getByRole("radiogroup", { name: "Theme" }).first();
  await theme.getByRole("radio", { name: "Light theme" }).click();
  expect(await backgroundLuminance(page, "body")).toBeGreaterThan(0.9);
  await page.reload();
  expect(await backgroundLuminance(page, "body")).toBeGreaterThan(0.9);
  await page.getByRole("radiogroup", { name: "Theme" }).first().getByRole("radio", { name: "Dark theme" }).click();
  await page.emulateMedia({ colorScheme: "light" });
  expect(await backgroundLuminance(page, "body")).toBeLessThan(0.1);

  for (const [width, height, label] of [
    [1440, 900, "desktop"],
    [390, 844, "phone"],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const [name, path] of PAGES) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await backgroundLuminance(page, "body"), `${name} background`).toBeLessThan(0.1);
      // Text stays light on the dark background.
      const text = await page.getByRole("heading", { level: 1 }).evaluate((el) => getComputedStyle(el).color);
      expect(text, `${name} heading`).not.toBe("rgb(0, 0, 0)");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} at ${width}px overflows`).toBeLessThanOrEqual(0);
      await snap(page, `dark-${name}-${label}`);
    }
  }
});

test("forms: a skip link, the first field focused, errors tied to their fields and gone once valid", async ({ page }) => {
  await signIn(page, ROOT_ADMIN.email, ROOT_ADMIN.password);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  await page.goto("/dashboard/admin/groups");
  await page.getByRole("button", { name: "New group" }).click();
  const dialog = page.getByRole("dialog");
  const name = dialog.getByLabel("Name");
  await expect(name).toBeFocused();
  await dialog.getByLabel("Pricing ratio").fill("-2");
  await dialog.getByRole("button", { name: "Create group" }).click();
  const ratio = dialog.getByLabel("Pricing ratio");
  await expect(ratio).toHaveAttribute("aria-invalid", "true");
  const describedBy = await ratio.getAttribute("aria-describedby");
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText("Must be 0 or more");
  await expect(name).toHaveAccessibleDescription(/Use 1-64 letters/);
  await snap(page, "forms-errors");

  // Typing a valid value removes the error at once; the name's error stays until it is fixed.
  await ratio.fill("1.5");
  await expect(dialog.getByText("Must be 0 or more")).toHaveCount(0);
  await expect(ratio).not.toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await name.fill("fine-name");
  await expect(name).not.toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription("Letters, digits, '.', '_' or '-'");
});
