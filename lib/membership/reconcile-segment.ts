/**
 * Exact membership of whole segments, set-based in SQL: the rule compiled with `compileToSql`
 * selects the members as of `now`, and one statement diffs that set with `segment_members`.
 * Runs right after a segment is saved, and on a timer for segments whose rules depend on time.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { compileToSql } from "@/lib/rules/compile-sql";
import { inlineSegments } from "@/lib/rules/inline-segments";
import { loadMembershipPlan, type MembershipPlan, type PlannedSegment } from "./membership-plan";
import { recordEvaluationErrors } from "./write-changes";

export interface ReconcileResult {
  key: string;
  entered: number;
  exited: number;
  /** Why the segment could not be reconciled (also stored on the segment), or null. */
  error: string | null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The SQL that brings one segment's stored members in line with `target` (a select of profile ids `id`). */
function diffStatement(workspaceId: string, segmentId: string, target: ReturnType<typeof sql>, now: Date) {
  const ws = sql`${workspaceId}::uuid`;
  const seg = sql`${segmentId}::uuid`;
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`with target as materialized (${target}),
    ins as (
      insert into segment_members (workspace_id, profile_id, segment_id, entered_at)
      select ${ws}, t.id, ${seg}, ${at} from target t
      where not exists (select 1 from segment_members m where m.workspace_id = ${ws} and m.segment_id = ${seg} and m.profile_id = t.id)
      order by t.id
      on conflict do nothing
      returning profile_id),
    del as (
      delete from segment_members m
      where m.workspace_id = ${ws} and m.segment_id = ${seg} and not exists (select 1 from target t where t.id = m.profile_id)
      returning m.profile_id),
    log as (
      insert into segment_membership_changes (workspace_id, segment_id, profile_id, kind, at)
      select ${ws}, ${seg}, profile_id, 'enter', ${at} from ins
      union all
      select ${ws}, ${seg}, profile_id, 'exit', ${at} from del)
    select (select count(*) from ins)::int as entered, (select count(*) from del)::int as exited`;
}

async function reconcileOne(db: Database, workspaceId: string, plan: MembershipPlan, s: PlannedSegment, now: Date) {
  const rules = new Map(plan.order.map((p) => [p.key, p.rule]));
  const target = s.active
    ? sql`select p.id from profiles p where p.workspace_id = ${workspaceId}::uuid and ${compileToSql(s.rule, now, inlineSegments((k) => rules.get(k), now))}`
    : sql`select null::uuid as id where false`;
  const [row] = await queryRows<{ entered: number; exited: number }>(db, diffStatement(workspaceId, s.id, target, now));
  const entered = Number(row?.entered ?? 0);
  const exited = Number(row?.exited ?? 0);
  const changed = entered + exited > 0 ? sql`, members_updated_at = ${now.toISOString()}::timestamptz` : sql``;
  await db.execute(sql`update segments set evaluated_at = ${now.toISOString()}::timestamptz, evaluation_error = null ${changed}
    where workspace_id = ${workspaceId}::uuid and id = ${s.id}::uuid`);
  return { entered, exited };
}

/** Keys of the segments that refer to any of `keys`, directly or through others, dependencies first. */
function withDependants(plan: MembershipPlan, keys: Set<string>): PlannedSegment[] {
  const chosen = new Set(keys);
  for (const s of plan.order) if (s.deps.some((d) => chosen.has(d))) chosen.add(s.key);
  return plan.order.filter((s) => chosen.has(s.key));
}

/**
 * Reconciles segments (and, unless told otherwise, every segment that refers to them) as of
 * `now`. Archived segments lose all members. A segment that cannot be evaluated keeps its members
 * and gets `evaluation_error` set; nothing is thrown for it.
 */
export async function reconcileSegments(
  db: Database,
  params: { workspaceId: string; segmentKeys: string[]; now?: Date; dependants?: boolean; plan?: MembershipPlan },
): Promise<ReconcileResult[]> {
  const now = params.now ?? new Date();
  const plan = params.plan ?? (await loadMembershipPlan(db, params.workspaceId));
  const keys = new Set(params.segmentKeys.filter((k) => plan.byKey.has(k)));
  const results: ReconcileResult[] = [];
  const errors: { segmentId: string; error: string | null }[] = [];
  for (const key of keys) {
    const id = plan.byKey.get(key)!.id;
    const planned = plan.order.find((s) => s.key === key);
    // Archived segments that nothing refers to are not in the plan: they simply lose their members.
    if (!planned && !plan.failed.has(id) && !plan.byKey.get(key)!.active) {
      const [row] = await queryRows<{ exited: number }>(db, diffStatement(params.workspaceId, id, sql`select null::uuid as id where false`, now));
      results.push({ key, entered: 0, exited: Number(row?.exited ?? 0), error: null });
    }
  }
  const todo = params.dependants === false ? plan.order.filter((s) => keys.has(s.key)) : withDependants(plan, keys);
  // Plan failures hold for the whole workspace: record them all (only changed errors are written).
  for (const s of plan.byKey.values()) {
    const error = plan.failed.get(s.id);
    if (error === undefined) continue;
    errors.push({ segmentId: s.id, error });
    if (keys.has(s.key)) results.push({ key: s.key, entered: 0, exited: 0, error });
  }
  for (const s of todo) {
    try {
      results.push({ key: s.key, ...(await reconcileOne(db, params.workspaceId, plan, s, now)), error: null });
    } catch (error) {
      const text = `Could not compute the members: ${message(error)}`;
      errors.push({ segmentId: s.id, error: text });
      results.push({ key: s.key, entered: 0, exited: 0, error: text });
    }
  }
  await recordEvaluationErrors(db, params.workspaceId, errors);
  return results;
}

/** Reconciles one segment by key, then every segment that refers to it. */
export async function reconcileSegment(db: Database, params: { workspaceId: string; segmentKey: string; now?: Date }): Promise<ReconcileResult[]> {
  return reconcileSegments(db, { workspaceId: params.workspaceId, segmentKeys: [params.segmentKey], now: params.now });
}
