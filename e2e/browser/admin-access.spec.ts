import { createUser, expect, signIn, snap, test } from "../support/fixtures";

const PAGES = [
  "/dashboard/admin/users",
  "/dashboard/admin/users/1",
  "/dashboard/admin/groups",
  "/dashboard/admin/pricing",
  "/dashboard/admin/channels",
];

test("a non-admin is refused every admin page (403 and the forbidden page) and every admin API route", async ({ page, admin }) => {
  const channel = await admin.post("/api/admin/channels", {
    name: "private",
    baseUrl: "http://127.0.0.1:9/v1",
    apiKey: "sk-never-shown-0000000000",
    models: ["mock-chat"],
  });
  const user = await createUser(admin, { balance: 1000 });
  await signIn(page, user.email, user.password);

  for (const url of PAGES) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.locator("body")).not.toContainText("sk-never-shown");
  }
  await snap(page, "admin-forbidden-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "admin-forbidden-phone");

  const id = channel.body.id;
  const calls: [string, string, unknown?][] = [
    ["GET", "/api/admin/users"],
    ["POST", "/api/admin/users", { email: "x@example.com", password: "password123" }],
    ["PATCH", `/api/admin/users/${user.id}`, { role: "admin" }],
    ["POST", `/api/admin/users/${user.id}/topup`, { amount: 1_000_000 }],
    ["GET", "/api/admin/groups"],
    ["POST", "/api/admin/groups", { name: "mine", ratio: 0 }],
    ["PATCH", "/api/admin/groups/default", { ratio: 0 }],
    ["DELETE", "/api/admin/groups/default"],
    ["GET", "/api/admin/models"],
    ["POST", "/api/admin/models", { name: "free", modelRatio: 0 }],
    ["PATCH", "/api/admin/models/mock-chat", { modelRatio: 0 }],
    ["DELETE", "/api/admin/models/mock-chat"],
    ["GET", "/api/admin/channels"],
    ["POST", "/api/admin/channels", { name: "x", baseUrl: "http://x/v1", apiKey: "k", models: ["m"] }],
    ["GET", `/api/admin/channels/${id}`],
    ["PATCH", `/api/admin/channels/${id}`, { status: "disabled" }],
    ["DELETE", `/api/admin/channels/${id}`],
    ["POST", `/api/admin/channels/${id}/test`],
  ];
  for (const [method, path, body] of calls) {
    const res = await page.request.fetch(path, { method, data: body });
    expect(res.status(), `${method} ${path}`).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  }
  // Nothing changed.
  expect((await admin.get(`/api/admin/users/${user.id}`)).body).toMatchObject({ role: "user", balance: 1000 });
  expect((await admin.get(`/api/admin/channels/${id}`)).body.status).toBe("active");
});
