// npm run db:generate
// Generates both Prisma clients from prisma/schema.prisma, offline:
//   lib/db/generated/postgresql  (schema as checked in)
//   lib/db/generated/sqlite      (derived: datasource provider swapped to sqlite)
// The derived schema is written to lib/db/generated/schema.sqlite.prisma (gitignored).
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { schemaFor, SCHEMA_PATH } from "../lib/db/schema-source";

const root = process.cwd();
const require = createRequire(path.join(root, "package.json"));
const prismaCli = path.join(path.dirname(require.resolve("prisma/package.json")), "build/index.js");

const env: NodeJS.ProcessEnv = {
  ...process.env,
  // `prisma generate` never runs the schema engine, but insists that the binary exists;
  // it cannot be downloaded here, so point it at any existing file.
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY && fs.existsSync(process.env.PRISMA_SCHEMA_ENGINE_BINARY)
      ? process.env.PRISMA_SCHEMA_ENGINE_BINARY
      : process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  PRISMA_GENERATE_SKIP_AUTOINSTALL: "1",
  CHECKPOINT_DISABLE: "1",
  PRISMA_DISABLE_WARNINGS: "1",
};

function run(label: string, schemaPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, "generate", "--schema", schemaPath], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) {
        const line = output.split("\n").find((l) => l.includes("Generated Prisma Client"));
        console.log(`[db:generate] ${label}: ${line?.replace(/^\W+/, "").trim() ?? "ok"}`);
        resolve();
      } else {
        reject(new Error(`prisma generate (${label}) exited with ${code}:\n${output}`));
      }
    });
  });
}

async function main() {
  const generatedDir = path.join(root, "lib/db/generated");
  fs.mkdirSync(generatedDir, { recursive: true });
  const sqliteSchemaPath = path.join(generatedDir, "schema.sqlite.prisma");
  fs.writeFileSync(sqliteSchemaPath, schemaFor("sqlite", { root, schemaDir: generatedDir }));
  await Promise.all([
    run("postgresql", path.join(root, SCHEMA_PATH)),
    run("sqlite", sqliteSchemaPath),
  ]);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
