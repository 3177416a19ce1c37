import { createUser, expect, signIn, snap, test } from "../support/fixtures";

// The viewer is in Los Angeles; the server (and its database) in UTC.
test.use({ timezoneId: "America/Los_Angeles" });

test("an instant reads the same on a token's page and in its edit form, in the viewer's zone", async ({ admin, page }) => {
  const user = await createUser(admin, { balance: 1_000_000 });
  // 2031-01-15 02:30 UTC is 2031-01-14 18:30 in Los Angeles (PST, UTC−8).
  const token = await admin.post("/api/tokens", { name: "LA token", userId: user.id, expiresAt: "2031-01-15T02:30:00Z" });
  await signIn(page, user.email, user.password);

  await page.goto(`/dashboard/tokens/${token.body.id}`);
  const props = page.getByTestId("token-properties");
  await expect(props).toContainText("Jan 14, 2031, 18:30 PST");
  await snap(page, "tz-token-details-desktop");

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const dialog = page.getByTestId("token-form-dialog");
  await expect(dialog.getByLabel("Expires")).toHaveValue("2031-01-14T18:30");
  await expect(dialog.getByText("In your time zone, America/Los_Angeles")).toBeVisible();

  // Saving another wall-clock time stores the instant it names in Los Angeles.
  await dialog.getByLabel("Expires").fill("2031-07-04T09:00");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(props).toContainText("Jul 4, 2031, 09:00 PDT");
  expect((await admin.get(`/api/tokens/${token.body.id}`)).body.expiresAt).toBe("2031-07-04T16:00:00.000Z");

  // The tokens list shows the same day.
  await page.goto("/dashboard/tokens");
  await expect(page.getByTestId("tokens-table").getByRole("row", { name: /LA token/ })).toContainText("Jul 4, 2031");
});

test("usage date filters are days in the viewer's zone, with presets, and a From after To is refused", async ({ admin, page }) => {
  const user = await createUser(admin, { balance: 1_000_000 });
  await signIn(page, user.email, user.password);
  await page.goto("/dashboard/usage");
  const filters = page.getByRole("form", { name: "Filter requests" });
  await expect(filters).toContainText("Days in your time zone (P");

  const today = new Date().toLocaleDateString("en-CA", { timeZone: "America/Los_Angeles" });
  await filters.getByRole("link", { name: "Show today" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${today}&to=${today}`));
  await expect(page.getByTestId("total-requests").locator("..")).toContainText("Requests (in range)");
  // The export covers the same instants: Los Angeles midnight to the next one.
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const from = new URL(href!, "http://x").searchParams.get("from")!;
  expect(new Date(from).toLocaleString("en-US", { timeZone: "America/Los_Angeles", hour12: false })).toMatch(/, 24:00:00$|, 00:00:00$/);

  await filters.getByLabel("From", { exact: true }).fill("2030-02-10");
  await filters.getByLabel("To (included)", { exact: true }).fill("2030-02-01");
  await expect(filters.getByText("“From” must be on or before “To”.")).toBeVisible();
  await expect(filters.getByRole("button", { name: "Apply filters" })).toBeDisabled();
  await snap(page, "tz-usage-range-error");

  // A hand-made URL with the days reversed is refused by the page too.
  await page.goto("/dashboard/usage?from=2030-02-10&to=2030-02-01");
  await expect(page.getByText("“From” is after “To”")).toBeVisible();
});
