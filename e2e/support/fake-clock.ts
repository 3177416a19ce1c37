import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A clock for an app started with `clock.nodeArgs` and `clock.env`: `set(instant)` moves the
 * app's wall clock to `instant` (and on from there at the normal pace).
 */
export function fakeClock() {
  const dir = mkdtempSync(path.join(tmpdir(), "gw-clock-"));
  const file = path.join(dir, "offset");
  writeFileSync(file, "0");
  return {
    nodeArgs: ["--import", path.resolve(import.meta.dirname, "fake-clock-preload.mjs")],
    env: { FAKE_CLOCK_FILE: file },
    async set(instant: string | Date) {
      writeFileSync(file, String(new Date(instant).getTime() - Date.now()));
      // The app re-reads the offset at most every 2 ms.
      await new Promise((r) => setTimeout(r, 20));
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
