import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { removeProfileMembers } from "@/lib/membership/remove-profile-members";
import { forgetVisitors } from "@/lib/personalization/visitor-cache";

async function deleteCounting(db: Database, statement: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`with gone as (${statement} returning 1) select count(*)::int as n from gone`);
  return Number(row?.n ?? 0);
}

/**
 * Deletes a profile with its events, rollups and identities in one transaction, and records who
 * did it. The audit entry holds only the profile uuid and counts: the point of deleting a person
 * is that nothing about them remains. The profile row is locked first, so a batch being ingested
 * for it either finishes before (and its events are deleted too) or starts a new profile after.
 */
export async function deleteProfile(db: Database, workspaceId: string, profileId: string, actor: Actor) {
  const deleted = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const ws = sql`${workspaceId}::uuid`;
    const id = sql`${profileId}::uuid`;
    const locked = await queryRows(tx, sql`select 1 from profiles where workspace_id = ${ws} and id = ${id} for update`);
    if (!locked.length) return null;
    const events = await deleteCounting(tx, sql`delete from events where workspace_id = ${ws} and profile_id = ${id}`);
    const rollups = await deleteCounting(tx, sql`delete from event_rollups where workspace_id = ${ws} and profile_id = ${id}`);
    const identities = await deleteCounting(tx, sql`delete from identities where workspace_id = ${ws} and profile_id = ${id}`);
    await tx.execute(sql`delete from profiles where workspace_id = ${ws} and id = ${id}`);
    await removeProfileMembers(tx, workspaceId, profileId);
    const deleted = { profileId, events, identities, rollups };
    await recordAudit(tx, { workspaceId, actor, action: "profile.deleted", entityType: "profile", entityId: profileId, before: deleted });
    return deleted;
  });
  // Decisions in this process stop serving the person now, not when the notification arrives.
  if (deleted) forgetVisitors(db, workspaceId, { profileIds: [profileId] });
  return deleted;
}
