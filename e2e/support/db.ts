import { disconnectDb, getDb, type PrismaClient } from "@/lib/db/client";
import type { RunningApp } from "./app";

/** The app's database, opened from the test process (for setup and for checking what was stored). */
export function appDb(app: Pick<RunningApp, "db">): PrismaClient {
  process.env.DATABASE_URL = app.db.url;
  return getDb();
}

export { disconnectDb };
