import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";
import { json } from "@/lib/api/handler";

// GET /api/health — liveness and database reachability, for load balancers and tests
export async function GET() {
  try {
    const { db, engine } = await getDbHandle();
    await db.execute(sql`select 1`);
    return json({ ok: true, database: engine });
  } catch (error) {
    return json({ ok: false, error: (error as Error).message }, 503);
  }
}
