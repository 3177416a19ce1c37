import { existsSync, readdirSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { testProvider } from "./support/test-db";

// Debian's Chromium where installed (Playwright cannot download its own browser offline).
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "./browser",
  // Per database: the SQLite and PostgreSQL runs may go side by side, and Playwright empties this folder at start.
  outputDir: `../test-results/${testProvider()}/playwright-artifacts`,
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json"]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // One project per spec file: projects never share a worker, and each worker starts its own
  // gateway (e2e/support/fixtures.ts), so no spec sees channels or users another one left behind.
  projects: readdirSync(new URL("./browser", import.meta.url))
    .filter((f) => f.endsWith(".spec.ts"))
    .map((file) => ({ name: file.replace(/\.spec\.ts$/, ""), testMatch: file, use: { browserName: "chromium" as const } })),
});
