import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { profiles } from "@/db/schema";
import { listProfileSegments } from "@/lib/membership/list-profile-segments";
import { resolveProfileId } from "./resolve-profile-id";
import type { ProfileDetail } from "./schemas";
import { toProfileView } from "./to-profile-view";

/**
 * A profile by userId, anonymousId or uuid, with its event count (from the rollups, so it costs
 * one index range however many events there are). Null when it is not in this workspace.
 */
export async function getProfile(db: Database, workspaceId: string, key: string): Promise<ProfileDetail | null> {
  const id = await resolveProfileId(db, workspaceId, key);
  if (!id) return null;
  const [row] = await db.select().from(profiles).where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.id, id)));
  if (!row) return null;
  const [count] = await queryRows<{ n: string | number }>(
    db,
    sql`select coalesce(sum(count), 0)::bigint as n from event_rollups where workspace_id = ${workspaceId}::uuid and profile_id = ${id}::uuid and dim_key = ''`,
  );
  // Memberships as maintained in real time by lib/membership.
  return { ...toProfileView(row), eventCount: Number(count?.n ?? 0), segments: await listProfileSegments(db, workspaceId, id) };
}
