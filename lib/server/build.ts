// `npm run build`'s last step: compiles the server entry (lib/server/main.ts, with the /v1 routes
// and everything they import) to JavaScript, so production runs no TypeScript transpiler.
// Packages stay external and load from node_modules; what main.ts imports dynamically (migrations,
// Prisma) goes to chunks of its own, loaded only by the process that needs them.
import { rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const distDir = process.env.NEXT_DIST_DIR || ".next";

await rm(path.join(distDir, "gateway"), { recursive: true, force: true });
await build({
  entryPoints: [path.join("lib", "server", "main.ts")],
  outdir: path.join(distDir, "gateway"),
  outExtension: { ".js": ".mjs" },
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
