import "server-only";
import { and, count, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { segmentMembers } from "@/db/schema";

/**
 * Stored member counts (from `segment_members`, kept exact by lib/membership) per segment id.
 * Segments without members are absent from the map; read them as 0.
 */
export async function countStoredMembers(db: Database, workspaceId: string, segmentIds: string[]): Promise<Map<string, number>> {
  if (segmentIds.length === 0) return new Map();
  const rows = await db
    .select({ segmentId: segmentMembers.segmentId, n: count() })
    .from(segmentMembers)
    .where(and(eq(segmentMembers.workspaceId, workspaceId), inArray(segmentMembers.segmentId, segmentIds)))
    .groupBy(segmentMembers.segmentId);
  return new Map(rows.map((r) => [r.segmentId, Number(r.n)]));
}
