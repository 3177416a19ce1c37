import { query } from "@/lib/db/raw";

export const dynamic = "force-dynamic";

// GET /api/health: readiness for load balancers and tests (the database answers)
export async function GET() {
  try {
    await query("SELECT 1");
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
