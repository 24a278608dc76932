/**
 * The timer's work: membership that changes with time alone (someone stops reading sports and
 * leaves "sports readers" 30 days after the last article, with no new event to trigger it).
 */
import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { loadMembershipPlan } from "./membership-plan";
import { reconcileSegments, type ReconcileResult } from "./reconcile-segment";

/** Reconciles every active segment whose rule depends on the clock, in every workspace (or one). */
export async function reconcileTimeWindows(db: Database, params: { now?: Date; workspaceId?: string } = {}): Promise<ReconcileResult[]> {
  const now = params.now ?? new Date();
  const workspaces = params.workspaceId
    ? [params.workspaceId]
    : (await queryRows<{ id: string }>(db, sql`select distinct workspace_id::text as id from segments where status = 'active'`)).map((r) => r.id);
  const results: ReconcileResult[] = [];
  for (const workspaceId of workspaces) {
    const plan = await loadMembershipPlan(db, workspaceId);
    const keys = plan.order.filter((s) => s.active && s.clockDependent).map((s) => s.key);
    if (keys.length === 0) continue;
    results.push(...(await reconcileSegments(db, { workspaceId, segmentKeys: keys, now, dependants: false, plan })));
  }
  return results;
}
