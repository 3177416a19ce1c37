import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The secret that signs dashboard sessions: AUTH_SECRET when given, else one generated on first
 * start and kept in DATA_DIR/auth-secret (mode 0600) so sessions survive restarts.
 */
export function ensureAuthSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.resolve(dataDir, "auth-secret");
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx" fails when the file exists, so two instances starting together agree on one secret.
    writeFileSync(file, randomBytes(48).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return readFileSync(file, "utf8").trim();
}
