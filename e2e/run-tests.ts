// `npm test`: builds the app, then runs vitest (unit + API integration) and Playwright (browser)
// on one database (TEST_DATABASE=sqlite|postgresql, default sqlite), and prints the totals.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { testProvider } from "./support/test-db";

const root = path.resolve(import.meta.dirname, "..");
const provider = testProvider();
const outDir = path.join(root, "test-results", provider);
mkdirSync(outDir, { recursive: true });

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return res.status ?? 1;
}

if (process.env.SKIP_BUILD !== "1") {
  if (run("npm", ["run", "build"]) !== 0) {
    console.error("build failed");
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}

console.log(`\n=== vitest (${provider}) ===`);
const vitestJson = path.join(outDir, "vitest.json");
run("npx", ["vitest", "run", "--config", "e2e/vitest.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);

console.log(`\n=== playwright (${provider}) ===`);
const playwrightJson = path.join(outDir, "playwright.json");
run("npx", ["playwright", "test", "--config", "e2e/playwright.config.ts"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });

function readJson(file: string): Record<string, unknown> | null {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

const v = readJson(vitestJson) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; testResults: { status: string }[] } | null;
const p = readJson(playwrightJson) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
// A suite that failed to load counts as a failure, as does a runner that produced no report.
const vitestFailedFiles = v ? v.testResults.filter((r) => r.status === "failed").length : 0;
const passed = (v?.numPassedTests ?? 0) + (p ? p.stats.expected + p.stats.flaky : 0);
const failed = (v ? Math.max(v.numFailedTests, vitestFailedFiles) : 1) + (p ? p.stats.unexpected : 1);
writeFileSync(path.join(outDir, "summary.json"), JSON.stringify({ provider, passed, failed }));
console.log(`\n${provider}: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
