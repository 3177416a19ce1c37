import { describe, expect, test } from "vitest";
import { tokenCreateSchema } from "./tokens";

describe("allowed IP rules", () => {
  test.each([
    ["10.1.2.3/8", "10.0.0.0/8"],
    ["::ffff:192.0.2.7", "192.0.2.7"],
    [" 127.0.0.1 ", "127.0.0.1"],
  ])("%s is stored as %s", (rule, stored) => {
    expect(tokenCreateSchema.parse({ name: "t", allowedIps: [rule] }).allowedIps).toEqual([stored]);
  });

  test.each(["", "10.0.0.300", "1.2.3.4/33", "fe80::1%eth0", "example.com", "1.2.3"])("%s is refused", (rule) => {
    expect(tokenCreateSchema.safeParse({ name: "t", allowedIps: [rule] }).success).toBe(false);
  });

  test("rules and models are deduplicated after normalization", () => {
    const parsed = tokenCreateSchema.parse({
      name: "t",
      allowedIps: ["10.0.0.1", "10.0.0.1/32", "::ffff:10.0.0.1"],
      allowedModels: ["a", " a ", "b"],
    });
    expect(parsed.allowedIps).toEqual(["10.0.0.1"]);
    expect(parsed.allowedModels).toEqual(["a", "b"]);
  });
});
