/**
 * The active segments of a workspace, compiled and ordered so that every segment comes after the
 * segments it refers to. Segments that cannot be evaluated (damaged rule, unknown field, unknown
 * or cyclic reference, or a dependency that fails) are set aside with the reason, never dropped.
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { segments } from "@/db/schema";
import type { Rule } from "@/lib/rules/ast";
import { compileEvaluator, type Evaluator } from "@/lib/rules/evaluate";
import { storedRule } from "@/lib/segments/segment-rules";
import { dependsOnClock, referencedSegments } from "./rule-needs";

export interface PlannedSegment {
  id: string;
  key: string;
  /** Active segments get stored memberships; others are only evaluated for references. */
  active: boolean;
  rule: Rule;
  evaluate: Evaluator;
  /** Keys of the segments this one refers to directly. */
  deps: string[];
  /** Whether membership can change with time alone (itself or through a referenced segment). */
  clockDependent: boolean;
}

export interface MembershipPlan {
  /** Evaluable segments, dependencies first. */
  order: PlannedSegment[];
  /** Segment id → why it cannot be evaluated. */
  failed: Map<string, string>;
  /** Every segment of the workspace by key, with its current recorded error. */
  byKey: Map<string, { id: string; key: string; active: boolean; evaluationError: string | null }>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Loads and orders the workspace's segments for membership evaluation. */
export async function loadMembershipPlan(db: Database, workspaceId: string): Promise<MembershipPlan> {
  const rows = await db
    .select({ id: segments.id, key: segments.key, status: segments.status, rule: segments.rule, evaluationError: segments.evaluationError })
    .from(segments)
    .where(eq(segments.workspaceId, workspaceId));
  return buildMembershipPlan(rows);
}

/** Orders and compiles segments (pure; see loadMembershipPlan). */
export function buildMembershipPlan(rows: { id: string; key: string; status: string; rule: unknown; evaluationError: string | null }[]): MembershipPlan {
  const byKey = new Map(rows.map((r) => [r.key, { id: r.id, key: r.key, active: r.status === "active", evaluationError: r.evaluationError }]));
  const raw = new Map(rows.map((r) => [r.key, r]));
  const failed = new Map<string, string>();
  const done = new Map<string, PlannedSegment | null>();
  const order: PlannedSegment[] = [];
  const visiting: string[] = [];

  const visit = (key: string): PlannedSegment | null => {
    if (done.has(key)) return done.get(key)!;
    const row = raw.get(key)!;
    if (visiting.includes(key)) throw new Error(`Segment reference cycle: ${[...visiting.slice(visiting.indexOf(key)), key].join(" → ")}`);
    visiting.push(key);
    let planned: PlannedSegment | null = null;
    try {
      const rule = storedRule(row.rule, key);
      const evaluate = compileEvaluator(rule);
      const deps = referencedSegments(rule);
      let clockDependent = dependsOnClock(rule);
      for (const dep of deps) {
        if (!raw.has(dep)) throw new Error(`The rule refers to segment "${dep}", which does not exist.`);
        const planDep = visit(dep);
        if (!planDep) throw new Error(`The rule refers to segment "${dep}", which cannot be evaluated: ${failed.get(raw.get(dep)!.id)}`);
        clockDependent ||= planDep.clockDependent;
      }
      planned = { id: row.id, key, active: row.status === "active", rule, evaluate, deps, clockDependent };
      order.push(planned);
    } catch (error) {
      failed.set(row.id, message(error));
    } finally {
      visiting.pop();
    }
    done.set(key, planned);
    return planned;
  };

  for (const row of rows) if (row.status === "active") visit(row.key);
  return { order, failed, byKey };
}
