// `npm run build`'s last step: compiles the server entry (lib/server/main.ts, with the /v1 routes
// and everything they import) into one JavaScript file, so production runs no TypeScript
// transpiler. Packages stay external and load from node_modules.
import path from "node:path";
import { build } from "esbuild";

const distDir = process.env.NEXT_DIST_DIR || ".next";

await build({
  entryPoints: [path.join("lib", "server", "main.ts")],
  outfile: path.join(distDir, "gateway", "main.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
