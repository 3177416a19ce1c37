// Settlements and usage records the database could not take (it was unreachable when the call
// ended) go to a file in the data folder, synced to disk, and are replayed once the database is
// back. Replays are safe to repeat: a settlement and its record are written together, at most once
// per request id, and a record already written is skipped.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Hold, UsageEntry } from "@/lib/gateway/types";
import { log } from "@/lib/log";

export type JournalItem = { kind: "settle"; hold: Hold; entry: UsageEntry } | { kind: "usage"; entries: UsageEntry[] };

type Apply = (item: JournalItem) => Promise<void>;

const SUFFIX = ".jsonl";
const REPLAYING = ".replaying";

function revive(item: JournalItem): JournalItem {
  const date = (e: UsageEntry) => ({ ...e, createdAt: new Date(e.createdAt) });
  return item.kind === "settle" ? { ...item, entry: date(item.entry) } : { ...item, entries: item.entries.map(date) };
}

export class Journal {
  private readonly file: string;
  private replaying: Promise<number> | null = null;
  private outage = false;

  constructor(
    private readonly dir: string,
    private readonly apply: Apply,
  ) {
    this.file = path.join(dir, `${Date.now()}-${randomBytes(4).toString("hex")}${SUFFIX}`);
  }

  /** Keeps an item on disk (written and synced before this returns). */
  append(item: JournalItem): void {
    if (!this.outage) {
      this.outage = true;
      log().error({ dir: this.dir }, "database unreachable: keeping settlements and usage records in the journal until it is back");
    }
    fs.mkdirSync(this.dir, { recursive: true });
    const fd = fs.openSync(this.file, "a");
    try {
      fs.writeSync(fd, `${JSON.stringify(item)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Whether anything waits to be replayed (from this process or one that died). */
  pending(): boolean {
    return this.files().length > 0;
  }

  /**
   * Applies every item kept so far, oldest first; stops at the first failure and keeps the rest for
   * the next try. Answers how many items were applied. Concurrent calls share one replay.
   */
  replay(): Promise<number> {
    this.replaying ??= this.replayFiles().finally(() => (this.replaying = null));
    return this.replaying;
  }

  private files(): string[] {
    if (!fs.existsSync(this.dir)) return [];
    // A `.replaying` file is one whose replay was cut short (its process died): it goes again.
    return fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith(SUFFIX) || f.endsWith(`${SUFFIX}${REPLAYING}`))
      .sort()
      .map((f) => path.join(this.dir, f));
  }

  private async replayFiles(): Promise<number> {
    let applied = 0;
    for (let file of this.files()) {
      // New items go to a fresh file while this one is replayed.
      const taken = file.endsWith(REPLAYING) ? file : `${file}${REPLAYING}`;
      if (taken !== file) fs.renameSync(file, taken);
      file = taken.slice(0, -REPLAYING.length);
      const lines = fs.readFileSync(taken, "utf8").split("\n").filter(Boolean);
      let done = 0;
      try {
        for (const line of lines) {
          await this.apply(revive(JSON.parse(line) as JournalItem));
          done++;
          applied++;
        }
      } catch (err) {
        const rest = lines.slice(done);
        fs.writeFileSync(file, `${rest.join("\n")}\n`, { flag: "a" });
        fs.rmSync(taken);
        if (applied) log().warn({ applied, left: rest.length, error: (err as Error).message }, "replayed part of the journal");
        return applied;
      }
      fs.rmSync(taken);
    }
    if (this.outage || applied) log().info({ applied }, "database reachable again: replayed the journal");
    this.outage = false;
    return applied;
  }
}
