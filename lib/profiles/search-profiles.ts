import "server-only";
import { and, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { eventRollups, profiles } from "@/db/schema";
import { escapeLike } from "@/lib/sql/escape-like";
import { decodeCursor, encodeCursor, ID_PATTERNS } from "./cursor";
import type { ProfileView } from "./schemas";
import { toProfileView } from "./to-profile-view";


function matches(q: string): SQL {
  const pattern = `%${escapeLike(q)}%`;
  return or(
    sql`${profiles.id}::text = ${q.toLowerCase()}`,
    sql`${q} = any(${profiles.anonymousIds})`,
    ilike(profiles.userId, pattern),
    sql`${profiles.traits}->>'email' ilike ${pattern}`,
    // "any trait": keys and values of the traits JSON text, e.g. a city or a plan name
    sql`${profiles.traits}::text ilike ${pattern}`,
  )!;
}

/**
 * Profiles matching `q` (a case-insensitive substring of the userId, email or any trait, or an
 * exact anonymousId or uuid), most recently seen first, one keyset page at a time. Without `q`,
 * all profiles. The timestamp in the cursor is the exact PostgreSQL text, see cursor.ts.
 */
export async function searchProfiles(
  db: Database,
  workspaceId: string,
  options: { q?: string; cursor?: string; limit: number },
): Promise<{ data: (ProfileView & { eventCount: number })[]; nextCursor: string | null }> {
  const after = options.cursor ? decodeCursor(options.cursor, ID_PATTERNS.uuid) : null;
  const rows = await db
    .select({ profile: profiles, lastSeen: sql<string>`to_json(${profiles.lastSeenAt})#>>'{}'` })
    .from(profiles)
    .where(
      and(
        eq(profiles.workspaceId, workspaceId),
        options.q ? matches(options.q) : undefined,
        after ? sql`(${profiles.lastSeenAt}, ${profiles.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(profiles.lastSeenAt), desc(profiles.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  const counts = await countEvents(db, workspaceId, page.map((r) => r.profile.id));
  return {
    data: page.map((r) => ({ ...toProfileView(r.profile), eventCount: counts.get(r.profile.id) ?? 0 })),
    nextCursor: rows.length > options.limit && last ? encodeCursor(last.lastSeen, last.profile.id) : null,
  };
}

/** Event counts for a page of profiles, from the whole-event daily rollups (one grouped query). */
async function countEvents(db: Database, workspaceId: string, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: eventRollups.profileId, n: sql<number>`sum(${eventRollups.count})::int` })
    .from(eventRollups)
    .where(and(eq(eventRollups.workspaceId, workspaceId), eq(eventRollups.dimKey, ""), inArray(eventRollups.profileId, ids)))
    .groupBy(eventRollups.profileId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}
