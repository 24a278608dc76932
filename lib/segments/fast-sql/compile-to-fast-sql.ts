/**
 * The fast SQL engine: the same meaning as `compileToSql` (lib/rules, the reference), the same
 * alias contract — a never-NULL boolean over ONE profiles row aliased `p` — but event conditions
 * are set-based (event-set.ts) and counts read daily rollups where they answer exactly:
 *
 *   select count(*) from profiles p where p.workspace_id = ${ws} and ${compileToFastSql(rule, now, ctx)}
 *
 * The sets are scoped to `ctx.workspaceId`, so the caller must select profiles of that workspace.
 * A differential test keeps it equal to `evaluate` on random rules and data.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Node, Rule } from "@/lib/rules/ast";
import { assertNever } from "@/lib/rules/operators";
import { eventSetSql } from "./event-set";
import { traitSql } from "./trait-sql";

export interface FastSqlContext {
  workspaceId: string;
  /** Whether `event_rollups` is complete for the workspace (see rollupsReady); false reads raw events only. */
  rollups: boolean;
  /** A never-NULL predicate over `p` for membership in another segment (see inlineFastSegments). */
  segmentSql?: (key: string) => SQL;
}

const GROUPS = {
  and: { joiner: sql` and `, empty: sql`true` },
  or: { joiner: sql` or `, empty: sql`false` },
} as const;

function nodeSql(node: Node, now: number, ctx: FastSqlContext): SQL {
  switch (node.type) {
    case "group": {
      const parts = node.children.map((child) => nodeSql(child, now, ctx));
      const joined = parts.length === 0 ? GROUPS[node.op].empty : sql.join(parts, GROUPS[node.op].joiner);
      return node.negate ? sql`(not (${joined}))` : sql`(${joined})`;
    }
    case "trait":
      return traitSql(node, now);
    case "event":
      return eventSetSql(node, now, ctx);
    case "segment": {
      if (!ctx.segmentSql) throw new Error(`The rule refers to segment "${node.segment}" but no segment SQL was given`);
      const member = sql`coalesce((${ctx.segmentSql(node.segment)}), false)`;
      return node.op === "in" ? member : sql`(not ${member})`;
    }
    default:
      return assertNever(node, "node");
  }
}

/** A never-NULL SQL predicate over the profiles row `p` (of `ctx.workspaceId`) that is true when it matches as of `now`. */
export function compileToFastSql(rule: Rule, now: Date, ctx: FastSqlContext): SQL {
  return nodeSql(rule, now.getTime(), ctx);
}
