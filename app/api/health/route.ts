import { redisState } from "@/lib/cache/redis";
import { query } from "@/lib/db/raw";

export const dynamic = "force-dynamic";

// GET /api/health: readiness for load balancers. 503 without the database; "degraded" (still 200:
// the instance serves) while Redis, which only shares caches and limits, is unreachable.
export async function GET() {
  const redis = redisState();
  try {
    await query("SELECT 1");
  } catch {
    return Response.json({ status: "unavailable", database: "unreachable", redis }, { status: 503 });
  }
  return Response.json({ status: redis === "down" ? "degraded" : "ok", database: "ok", redis });
}
