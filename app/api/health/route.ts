import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";
import { json } from "@/lib/api/handler";
import { visitorCacheStats } from "@/lib/personalization/visitor-cache";

// GET /api/health — liveness, database reachability and the decisions' visitor cache, for load balancers, operators and tests
export async function GET() {
  try {
    const { db, engine } = await getDbHandle();
    await db.execute(sql`select 1`);
    // null until the first decision starts it; "off" means its listener stopped hearing changes (decisions then read the database).
    return json({ ok: true, database: engine, visitorCache: visitorCacheStats(db) });
  } catch (error) {
    return json({ ok: false, error: (error as Error).message }, 503);
  }
}
