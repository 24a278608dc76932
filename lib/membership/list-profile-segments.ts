import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

/** The segments a profile is a member of now, by name, with when it entered each. */
export async function listProfileSegments(db: Database, workspaceId: string, profileId: string) {
  const rows = await queryRows<{ id: string; key: string; name: string; entered_at: string | Date }>(
    db,
    sql`select s.id::text, s.key, s.name, m.entered_at from segment_members m
        join segments s on s.id = m.segment_id and s.workspace_id = m.workspace_id
        where m.workspace_id = ${workspaceId}::uuid and m.profile_id = ${profileId}::uuid and s.status = 'active'
        order by s.name, s.key`,
  );
  return rows.map((r) => ({ id: r.id, key: r.key, name: r.name, enteredAt: new Date(r.entered_at).toISOString() }));
}
