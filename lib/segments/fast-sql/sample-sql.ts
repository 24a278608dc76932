/**
 * The preview's sample: the `size` matching profiles seen most recently (ties by id). Once the
 * count is known, the cheap way is usually to walk the most recently seen profiles (index on
 * last_seen_at) and test each one with the reference compiler, whose per-profile subqueries cost
 * a few index probes — building whole event sets again would cost as much as the count did. The
 * walk is bounded by what the match rate predicts; when it finds too few (a rare rule, or one
 * matching mostly long-unseen people), one set-based pass over all profiles finds the sample.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Rule } from "@/lib/rules/ast";
import { compileToSql, type SqlContext } from "@/lib/rules/compile-sql";
import { compileToFastSql, type FastSqlContext } from "./compile-to-fast-sql";

/** Longest walk worth trying before a set-based pass is cheaper. */
export const MAX_WALK = 20_000;

export interface SamplePlan {
  /** Profiles to walk (most recently seen first), or null for a set-based pass. */
  walk: number | null;
  query: SQL;
}

/** How many recent profiles to walk to find `size` matches among `total` of which `count` match. */
export function walkLength(size: number, count: number, total: number): number | null {
  if (count <= 0) return null;
  const expected = Math.ceil((4 * size * total) / count) + 100;
  return expected <= MAX_WALK && expected < total ? expected : null;
}

/** The bounded walk: the most recently seen profiles, each tested with the reference compiler. */
export function walkSampleSql(p: { rule: Rule; now: Date; ctx: SqlContext; workspaceId: string; columns: SQL; size: number; walk: number }): SQL {
  return sql`select ${p.columns} from (select * from profiles q where q.workspace_id = ${p.workspaceId}::uuid
      order by q.last_seen_at desc, q.id limit ${p.walk}) p
    where ${compileToSql(p.rule, p.now, p.ctx)} order by p.last_seen_at desc, p.id limit ${p.size}`;
}

/** One set-based pass: every profile tested with the fast compiler, the newest `size` matches kept. */
export function passSampleSql(p: { rule: Rule; now: Date; ctx: FastSqlContext; columns: SQL; size: number }): SQL {
  // `offset 0` keeps the planner from walking the last_seen index with the whole predicate per row.
  return sql`select s.* from (select ${p.columns}, p.last_seen_at as seen from profiles p
      where p.workspace_id = ${p.ctx.workspaceId}::uuid and ${compileToFastSql(p.rule, p.now, p.ctx)} offset 0) s
    order by s.seen desc, s.id limit ${p.size}`;
}
