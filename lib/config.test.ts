import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

describe("parseConfig", () => {
  it("needs no variable at all: SQLite under ./data, port 3000, registration closed", () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe("file:./data/gateway.db");
    expect(c.allowRegistration).toBe(false);
    expect(c.adminApiKey).toBeUndefined();
    expect(c.trustedProxies).toEqual([]);
  });

  it("treats empty variables as unset", () => {
    expect(parseConfig({ PORT: "", DATABASE_URL: "" }).port).toBe(3000);
  });

  it("reads every documented variable", () => {
    const c = parseConfig({
      PORT: "8080",
      DATABASE_URL: "postgresql://u@db:5432/gw",
      REDIS_URL: "redis://cache:6379",
      TRUSTED_PROXIES: "10.0.0.0/8, ::1",
      ADMIN_API_KEY: "k".repeat(32),
      ADMIN_EMAIL: "a@example.com",
      ADMIN_PASSWORD: "long enough",
      ALLOW_REGISTRATION: "true",
    });
    expect(c).toMatchObject({ port: 8080, databaseUrl: "postgresql://u@db:5432/gw", redisUrl: "redis://cache:6379", allowRegistration: true });
    expect(c.trustedProxies).toHaveLength(2);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ TRUSTED_PROXIES: "10.0.0.0/33" }, "TRUSTED_PROXIES"],
    [{ ADMIN_API_KEY: "short" }, "ADMIN_API_KEY"],
    [{ ADMIN_EMAIL: "a@example.com" }, "ADMIN_PASSWORD"],
    [{ ALLOW_REGISTRATION: "maybe" }, "ALLOW_REGISTRATION"],
  ])("refuses %o naming %s", (env, name) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(name);
  });
});
