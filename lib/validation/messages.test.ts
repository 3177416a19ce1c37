import { describe, expect, test } from "vitest";
import { modelCreateSchema } from "./models";
import { tokenCreateSchema } from "./tokens";
import { topupSchema, userCreateSchema } from "./users";

const first = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe("schema messages are written for people", () => {
  test.each([
    [tokenCreateSchema.safeParse({ name: "t", quota: -1 }), "Must be 0 or more"],
    [tokenCreateSchema.safeParse({ name: "t", quota: 1.5 }), "Enter a whole number"],
    [tokenCreateSchema.safeParse({ name: "t", quota: "5" }), "Enter a number"],
    [tokenCreateSchema.safeParse({}), "Required"],
    [tokenCreateSchema.safeParse({ name: "t", expiresAt: "tomorrow" }), "Enter a date and time, e.g. 2030-01-31T12:00:00Z"],
    [tokenCreateSchema.safeParse({ name: "t", extra: 1 }), "Unknown field: extra"],
    [modelCreateSchema.safeParse({ name: "m", modelRatio: -1 }), "Must be 0 or more"],
    [modelCreateSchema.safeParse({ name: "m", modelRatio: Number.NaN }), "Enter a number"],
    [userCreateSchema.safeParse({ email: "a@b.co", password: "x".repeat(300) }), "Use at most 200 characters"],
    [userCreateSchema.safeParse({ email: "a@b.co", password: "long enough", role: "boss" }), "Must be one of: user, admin"],
    [topupSchema.safeParse({ amount: 0 }), "Must be a non-zero integer"],
  ])("%#: %s", (result, message) => {
    expect(first(result)).toBe(message);
  });

  test("no message repeats zod's own wording", () => {
    for (const r of [tokenCreateSchema.safeParse({ name: 5, quota: "x", allowedIps: "1" }), modelCreateSchema.safeParse({ modelRatio: {} })]) {
      for (const issue of r.error!.issues) expect(issue.message).not.toMatch(/expected|received|Invalid input|Too small|Too big/i);
    }
  });
});
