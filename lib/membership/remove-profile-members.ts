import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

/**
 * Erases a deleted person from membership: their member rows and their enter/exit history, so
 * nothing links them to a segment any more (each segment's running sum of changes still equals its size).
 */
export async function removeProfileMembers(db: Database, workspaceId: string, profileId: string) {
  await db.execute(sql`delete from segment_members where workspace_id = ${workspaceId}::uuid and profile_id = ${profileId}::uuid`);
  await db.execute(sql`delete from segment_membership_changes where workspace_id = ${workspaceId}::uuid and profile_id = ${profileId}::uuid`);
}
