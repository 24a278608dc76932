import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";
import { json } from "@/lib/api/handler";
import { visitorCacheStats } from "@/lib/personalization/visitor-cache";
import { audienceIndexStats } from "@/lib/segments/audience-index/registry";

// GET /api/health — liveness, database reachability, the decisions' visitor cache and the segment counts' audience indexes, for load balancers, operators and tests
export async function GET() {
  try {
    const { db, engine } = await getDbHandle();
    await db.execute(sql`select 1`);
    // null until the first decision starts it; "off" means its listener stopped hearing changes (decisions then read the database).
    // Totals only: this answer is public, and workspace ids are not.
    const indexes = audienceIndexStats(db);
    const audienceIndex = {
      workspaces: indexes.length,
      ready: indexes.filter((e) => e.status === "ready" && !e.stale).length,
      building: indexes.filter((e) => e.status === "building").length,
      megabytes: indexes.reduce((n, e) => n + e.megabytes, 0),
    };
    return json({ ok: true, database: engine, visitorCache: visitorCacheStats(db), audienceIndex });
  } catch (error) {
    return json({ ok: false, error: (error as Error).message }, 503);
  }
}
