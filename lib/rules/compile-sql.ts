/**
 * The SQL engine: a rule becomes a drizzle `SQL` boolean over ONE profiles row aliased `p`.
 *
 * Alias contract — the caller writes the FROM and the workspace filter; the predicate reads only
 * `p.workspace_id, p.id, p.user_id, p.traits, p.context, p.first_seen_at, p.last_seen_at`:
 *
 *   select p.id from profiles p where p.workspace_id = ${ws} and ${compileToSql(rule, now, ctx)}
 *
 * Event conditions are correlated subqueries on `events` keyed by `(p.workspace_id, p.id)`; they
 * use the aliases `e`, `s`, `c`, `k` and `x` internally, so avoid those names for outer tables.
 * The predicate is never NULL, so `not (…)` and `count(*) filter (where …)` behave as expected.
 * Every value is a bound parameter; identifiers come from fixed lists.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Node, Rule, TraitCondition } from "./ast";
import { resolveField } from "./fields";
import { assertNever } from "./operators";
import { eventSql } from "./sql-event";
import { predicateSql } from "./sql-predicate";
import { jsonField, jsonPath, type SqlField } from "./sql-values";

export interface SqlContext {
  /**
   * A never-NULL predicate over `p` for membership in another segment. `inlineSegments` compiles
   * the referenced rule inline; a membership table can answer instead later.
   */
  segmentSql?: (key: string) => SQL;
}

const column = (name: "traits" | "context" | "user_id" | "first_seen_at" | "last_seen_at") => sql.raw(`p.${name}`);
const GROUPS = {
  and: { joiner: sql` and `, empty: sql`true` },
  or: { joiner: sql` or `, empty: sql`false` },
} as const;
const none = { number: null, boolean: null, date: null, array: null, text: null };

function builtinField(source: "user_id" | "known" | "first_seen_at" | "last_seen_at"): SqlField {
  switch (source) {
    case "user_id":
      return { ...none, present: sql`(p.user_id is not null)`, text: column("user_id") };
    case "known":
      return { ...none, present: sql`true`, boolean: sql`(p.user_id is not null)` };
    case "first_seen_at":
    case "last_seen_at":
      return { ...none, present: sql`true`, date: column(source) };
    default:
      return assertNever(source, "field");
  }
}

function traitSql(c: TraitCondition, now: number): SQL {
  const ref = resolveField(c.field);
  if (ref === null) throw new Error(`Unknown field "${c.field}"`);
  const field = ref.path ? jsonField(jsonPath(column(ref.source), ref.path)) : builtinField(ref.source);
  return predicateSql(c, field, now);
}

function nodeSql(node: Node, now: number, ctx: SqlContext): SQL {
  switch (node.type) {
    case "group": {
      const parts = node.children.map((child) => nodeSql(child, now, ctx));
      const joined = parts.length === 0 ? GROUPS[node.op].empty : sql.join(parts, GROUPS[node.op].joiner);
      return node.negate ? sql`(not (${joined}))` : sql`(${joined})`;
    }
    case "trait":
      return traitSql(node, now);
    case "event":
      return eventSql(node, now);
    case "segment": {
      if (!ctx.segmentSql) throw new Error(`The rule refers to segment "${node.segment}" but no segment SQL was given`);
      const member = sql`coalesce((${ctx.segmentSql(node.segment)}), false)`;
      return node.op === "in" ? member : sql`(not ${member})`;
    }
    default:
      return assertNever(node, "node");
  }
}

/** A never-NULL SQL predicate over the profiles row `p` that is true when the profile matches as of `now`. */
export function compileToSql(rule: Rule, now: Date, ctx: SqlContext = {}): SQL {
  return nodeSql(rule, now.getTime(), ctx);
}
