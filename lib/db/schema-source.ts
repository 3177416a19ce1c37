// Reads prisma/schema.prisma (the single source of truth) and derives the per-provider variants.
// Used by prisma/generate.ts and lib/db/migrations.ts. No Prisma imports here: keep it cheap.
import fs from "node:fs";
import path from "node:path";

export type DbProvider = "postgresql" | "sqlite";

export const SCHEMA_PATH = "prisma/schema.prisma";

export function repoRoot(): string {
  return process.cwd();
}

export function readBaseSchema(root: string = repoRoot()): string {
  return fs.readFileSync(path.join(/*turbopackIgnore: true*/ root, SCHEMA_PATH), "utf8");
}

/**
 * The schema text for a provider. For "sqlite" the datasource provider is swapped and the
 * generator output is pointed at lib/db/generated/sqlite, expressed relative to `schemaDir`
 * (the directory the derived schema file will live in; defaults to prisma/).
 */
export function schemaFor(provider: DbProvider, opts: { root?: string; schemaDir?: string } = {}): string {
  const root = opts.root ?? repoRoot();
  const base = readBaseSchema(root);
  if (provider === "postgresql") return base;
  const schemaDir = opts.schemaDir ?? path.join(root, "prisma");
  let out = base.replace(
    /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"postgresql"/,
    '$1"sqlite"',
  );
  if (out === base) throw new Error(`could not find datasource provider "postgresql" in ${SCHEMA_PATH}`);
  const target = path.join(root, "lib/db/generated/sqlite");
  let rel = path.relative(schemaDir, target).split(path.sep).join("/");
  if (!rel.startsWith(".")) rel = `./${rel}`;
  const swapped = out.replace(
    /(generator\s+client\s*\{[^}]*?output\s*=\s*)"[^"]*"/,
    `$1"${rel}"`,
  );
  if (swapped === out) throw new Error(`could not find generator client output in ${SCHEMA_PATH}`);
  return swapped;
}

export function providerFromUrl(url: string): DbProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (/^file:/i.test(url)) return "sqlite";
  throw new Error(`unsupported DATABASE_URL (expected postgresql://, postgres:// or file:): ${redactUrl(url)}`);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, "//$1:***@");
}

export const DEFAULT_DATABASE_URL = "file:./data/gateway.db";

/** Absolute filesystem path for a file: URL; relative paths resolve against process.cwd(). */
export function sqlitePathFromUrl(url: string): string {
  let p = url.replace(/^file:/i, "");
  if (p.startsWith("//")) p = p.slice(2); // file:///abs/path -> /abs/path
  const q = p.indexOf("?");
  if (q >= 0) p = p.slice(0, q);
  if (p === ":memory:") return p;
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), p);
}
