import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root: repoRoot,
  resolve: { alias: { "@": repoRoot.replace(/\/$/, "") } },
  test: {
    include: ["lib/**/*.test.ts", "e2e/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.next/**"],
    // Integration tests start the app and wait on real upstream behaviour (timeouts, probes).
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
