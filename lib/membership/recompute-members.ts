/**
 * Real-time membership: after a batch is stored, the touched profiles are evaluated against every
 * active segment with the TypeScript engine, and the difference with `segment_members` is written
 * as enters and exits.
 */
import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { Facts } from "@/lib/rules/evaluate";
import { processFactsCache, type FactsCache } from "./facts-cache";
import { loadFacts } from "./load-facts";
import { loadMembershipPlan, type MembershipPlan } from "./membership-plan";
import { addEventNeeds } from "./rule-needs";
import { forgetVisitors } from "@/lib/personalization/visitor-cache";
import { recordEvaluationErrors, touchSegments, writeEnters, writeExits, type MemberPair } from "./write-changes";

export interface RecomputeResult {
  profiles: number;
  enters: MemberPair[];
  exits: MemberPair[];
  /** Segment id → why it could not be evaluated (its stored membership was left as it was). */
  failed: Map<string, string>;
}

/** Advisory-lock keys of profiles, sorted, so concurrent recomputes never wait on each other in a cycle. */
function lockKeys(workspaceId: string, profileIds: string[]): string[] {
  return profileIds
    .map((id) => createHash("sha1").update(`membership\u0000${workspaceId}\u0000${id}`).digest().readBigInt64BE(0))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(String);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Evaluates every planned segment for every profile; returns the wanted pairs and failures found on the way. */
function evaluateAll(plan: MembershipPlan, facts: Map<string, Facts>, now: Date) {
  const failed = new Map(plan.failed);
  const wanted = new Set<string>();
  const results = new Map<string, boolean>();
  for (const [profileId, profileFacts] of facts) {
    results.clear();
    const f = {
      ...profileFacts,
      segments: (key: string) => {
        const r = results.get(key);
        if (r === undefined) throw new Error(`The rule refers to segment "${key}", which cannot be evaluated.`);
        return r;
      },
    };
    for (const s of plan.order) {
      if (failed.has(s.id)) continue;
      try {
        const r = s.evaluate(f, now);
        results.set(s.key, r);
        if (r && s.active) wanted.add(`${profileId}/${s.id}`);
      } catch (error) {
        failed.set(s.id, message(error));
      }
    }
  }
  // A segment that read a failed segment's earlier results is not trustworthy either.
  for (const s of plan.order) {
    const bad = s.deps.find((d) => failed.has(plan.byKey.get(d)!.id));
    if (bad && !failed.has(s.id)) failed.set(s.id, `The rule refers to segment "${bad}", which cannot be evaluated: ${failed.get(plan.byKey.get(bad)!.id)}`);
  }
  return { wanted, failed };
}

/**
 * Re-evaluates the given profiles against every active segment as of `now` and writes the
 * enters and exits. Profiles that no longer exist (deleted, merged away) leave every segment.
 * Concurrent calls for the same profile are serialized, so the last one reads the latest data.
 */
export async function recomputeMembers(
  db: Database,
  params: { workspaceId: string; profileIds: string[]; now?: Date; /** Defaults to this process's; null reads every profile's events in full. */ cache?: FactsCache | null },
): Promise<RecomputeResult> {
  const { workspaceId } = params;
  const now = params.now ?? new Date();
  const profileIds = [...new Set(params.profileIds)];
  if (profileIds.length === 0) return { profiles: 0, enters: [], exits: [], failed: new Map() };
  const t0 = performance.now();
  const laps: string[] = [];
  let mark = t0;
  const lap = (phase: string) => {
    const at = performance.now();
    laps.push(`${phase} ${Math.round(at - mark)}`);
    mark = at;
  };
  const plan = await loadMembershipPlan(db, workspaceId);
  lap("plan");
  const eventNeeds = new Map<string, number | null>();
  for (const s of plan.order) addEventNeeds(s.rule, now.getTime(), eventNeeds);

  const outcome = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    // The facts query is a few index scans: parallel workers (which PostgreSQL plans for its
    // union) cost more to start than the scans take on a small machine.
    await tx.execute(sql`select set_config('max_parallel_workers_per_gather', '0', true), pg_advisory_xact_lock(k::bigint)
      from jsonb_array_elements_text(${JSON.stringify(lockKeys(workspaceId, profileIds))}::jsonb) with ordinality as t(k, n) order by n`);
    lap("lock");
    const [facts, current] = [
      await loadFacts(tx, { workspaceId, profileIds, eventNeeds, cache: params.cache === undefined ? processFactsCache() : params.cache }),
      await queryRows<MemberPair>(
        tx,
        sql`select profile_id::text as "profileId", segment_id::text as "segmentId" from segment_members
            where workspace_id = ${workspaceId}::uuid and profile_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(profileIds)}::jsonb))`,
      ),
    ];
    lap("facts");
    const { wanted, failed } = evaluateAll(plan, facts, now);
    lap("evaluate");
    const have = new Set(current.map((m) => `${m.profileId}/${m.segmentId}`));
    // A failed segment keeps its stored members until it can be evaluated again.
    const exits = current.filter((m) => !failed.has(m.segmentId) && !wanted.has(`${m.profileId}/${m.segmentId}`));
    const enters = [...wanted].filter((k) => !have.has(k)).map((k) => {
      const [profileId, segmentId] = k.split("/");
      return { profileId, segmentId };
    });
    const entered = await writeEnters(tx, workspaceId, enters, now);
    const exited = await writeExits(tx, workspaceId, exits, now);
    await touchSegments(tx, workspaceId, [...entered, ...exited].map((m) => m.segmentId), now);
    return { entered, exited, failed };
  });

  lap("write");
  if (outcome.entered.length + outcome.exited.length > 0) {
    forgetVisitors(db, workspaceId, { profileIds: [...outcome.entered, ...outcome.exited].map((m) => m.profileId) });
  }
  await recordEvaluationErrors(db, workspaceId, errorChanges(plan, outcome.failed));
  if (process.env.TAILOR_INGEST_STATS === "1") console.log(`[tailor] recompute ${profileIds.length} profiles: ${Math.round(performance.now() - t0)} ms (${laps.join(", ")})`);
  return { profiles: profileIds.length, enters: outcome.entered, exits: outcome.exited, failed: outcome.failed };
}

/** New errors to record, and recorded errors of active segments that now evaluate fine. */
export function errorChanges(plan: MembershipPlan, failed: Map<string, string>) {
  const changes: { segmentId: string; error: string | null }[] = [];
  for (const s of plan.byKey.values()) {
    const error = failed.get(s.id) ?? null;
    if (error !== s.evaluationError && (error !== null || s.active)) changes.push({ segmentId: s.id, error });
  }
  return changes;
}
