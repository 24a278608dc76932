import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { segments } from "@/db/schema";

/** Stores a segment row directly (no catalog check), as a saved segment would be stored. */
export async function addSegment(db: Database, workspaceId: string, key: string, rule: unknown, status: "active" | "archived" = "active") {
  const [row] = await db.insert(segments).values({ workspaceId, key, name: key.toUpperCase(), rule, status }).returning();
  return row;
}

/** Stored members per segment key: key → sorted profile ids. */
export async function membersByKey(db: Database, workspaceId: string): Promise<Record<string, string[]>> {
  const rows = await queryRows<{ key: string; ids: string[] }>(
    db,
    sql`select s.key, array_agg(m.profile_id::text order by m.profile_id) as ids from segment_members m join segments s on s.id = m.segment_id
        where m.workspace_id = ${workspaceId}::uuid group by s.key order by s.key`,
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.ids]));
}

/** Recorded enters/exits as `kind key profile`, oldest first. */
export async function changesOf(db: Database, workspaceId: string) {
  return queryRows<{ kind: string; key: string; profile_id: string; at: Date | string }>(
    db,
    sql`select c.kind, s.key, c.profile_id::text, c.at from segment_membership_changes c join segments s on s.id = c.segment_id
        where c.workspace_id = ${workspaceId}::uuid order by c.id`,
  );
}

export async function segmentState(db: Database, workspaceId: string, key: string) {
  const [row] = await queryRows<{ evaluation_error: string | null; members_updated_at: Date | string | null; evaluated_at: Date | string | null }>(
    db,
    sql`select evaluation_error, members_updated_at, evaluated_at from segments where workspace_id = ${workspaceId}::uuid and key = ${key}`,
  );
  return row;
}
