/**
 * Set-based writes of membership changes: one statement for all enters, one for all exits, each
 * recording exactly the rows it changed in `segment_membership_changes`.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

export interface MemberPair {
  profileId: string;
  segmentId: string;
}

const jsonParam = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** Inserts members (skipping ones already there) and records an enter for each inserted row; returns the inserted pairs. */
export async function writeEnters(db: Database, workspaceId: string, pairs: MemberPair[], now: Date): Promise<MemberPair[]> {
  if (pairs.length === 0) return [];
  const ws = sql`${workspaceId}::uuid`;
  const at = sql`${now.toISOString()}::timestamptz`;
  return queryRows<MemberPair>(
    db,
    sql`with ins as (
          insert into segment_members (workspace_id, profile_id, segment_id, entered_at)
          select ${ws}, x."profileId", x."segmentId", ${at}
          from jsonb_to_recordset(${jsonParam(pairs)}) as x("profileId" uuid, "segmentId" uuid)
          order by 2, 3
          on conflict do nothing
          returning profile_id, segment_id),
        log as (
          insert into segment_membership_changes (workspace_id, segment_id, profile_id, kind, at)
          select ${ws}, segment_id, profile_id, 'enter', ${at} from ins)
        select profile_id::text as "profileId", segment_id::text as "segmentId" from ins`,
  );
}

/** Deletes members and records an exit for each deleted row; returns the deleted pairs. */
export async function writeExits(db: Database, workspaceId: string, pairs: MemberPair[], now: Date): Promise<MemberPair[]> {
  if (pairs.length === 0) return [];
  const ws = sql`${workspaceId}::uuid`;
  const at = sql`${now.toISOString()}::timestamptz`;
  return queryRows<MemberPair>(
    db,
    sql`with del as (
          delete from segment_members m
          using jsonb_to_recordset(${jsonParam(pairs)}) as x("profileId" uuid, "segmentId" uuid)
          where m.workspace_id = ${ws} and m.profile_id = x."profileId" and m.segment_id = x."segmentId"
          returning m.profile_id, m.segment_id),
        log as (
          insert into segment_membership_changes (workspace_id, segment_id, profile_id, kind, at)
          select ${ws}, segment_id, profile_id, 'exit', ${at} from del)
        select profile_id::text as "profileId", segment_id::text as "segmentId" from del`,
  );
}

/** Stamps `members_updated_at` on segments whose membership changed. */
export async function touchSegments(db: Database, workspaceId: string, segmentIds: Iterable<string>, now: Date) {
  const ids = [...new Set(segmentIds)].sort();
  if (ids.length === 0) return;
  await db.execute(
    sql`update segments set members_updated_at = greatest(coalesce(members_updated_at, ${now.toISOString()}::timestamptz), ${now.toISOString()}::timestamptz)
        where workspace_id = ${workspaceId}::uuid and id in (select value::uuid from jsonb_array_elements_text(${jsonParam(ids)}))`,
  );
}

/**
 * Records why segments cannot be evaluated, and clears the error of segments that evaluated
 * fine. Only rows whose error actually changes are written, so healthy batches write nothing.
 */
export async function recordEvaluationErrors(
  db: Database,
  workspaceId: string,
  changes: { segmentId: string; error: string | null }[],
) {
  if (changes.length === 0) return;
  for (const c of changes) {
    if (c.error !== null) console.error(`[tailor] segment ${c.segmentId} in workspace ${workspaceId} cannot be evaluated: ${c.error}`);
  }
  await db.execute(
    sql`update segments s set evaluation_error = x.error
        from jsonb_to_recordset(${jsonParam(changes)}) as x("segmentId" uuid, error text)
        where s.workspace_id = ${workspaceId}::uuid and s.id = x."segmentId" and s.evaluation_error is distinct from x.error`,
  );
}
