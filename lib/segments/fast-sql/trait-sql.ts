/**
 * Trait conditions for the fast engine. Text equality (equals, not_equals, one_of, none_of with
 * text values) on a trait or context path — what most audiences are made of — reads the value
 * once with `->>` and checks that it is a JSON string only when the text already matched; the
 * reference SQL (lib/rules/sql-values.ts) extracts it twice and casts behind CASE, which costs
 * about twice as much per profile. Same meaning (ast.ts: only strings fit, ASCII-only folding,
 * never NULL); everything else is the reference SQL.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Rule, TraitCondition } from "@/lib/rules/ast";
import { compileToSql } from "@/lib/rules/compile-sql";
import { resolveField } from "@/lib/rules/fields";
import { foldAscii } from "@/lib/rules/fold-ascii";
import { boundText, fold, jsonPath } from "@/lib/rules/sql-values";

function texts(c: TraitCondition): string[] | null {
  switch (c.operator) {
    case "equals":
    case "not_equals":
      return typeof c.value === "string" ? [c.value] : null;
    case "one_of":
    case "none_of":
      return c.value.every((v): v is string => typeof v === "string") ? c.value : null;
    default:
      return null;
  }
}

/** SQL for a trait condition over the profile row `p`; never NULL. */
export function traitSql(c: TraitCondition, now: number): SQL {
  const ref = resolveField(c.field);
  const values = texts(c);
  if (!ref || ref.path === undefined || values === null) return compileToSql(c as Rule, new Date(now));
  const column = sql.raw(`p.${ref.source}`);
  const parent = jsonPath(column, ref.path.slice(0, -1));
  const key = ref.path[ref.path.length - 1];
  const folded = [...new Set(values.map(foldAscii))].map((v) => boundText(v));
  const member = sql`${fold(sql`(${parent} ->> ${key}::text)`)} in (${sql.join(folded, sql`, `)})`;
  const isString = sql`jsonb_typeof(${parent} -> ${key}::text) = 'string'`;
  const positive = c.operator === "equals" || c.operator === "one_of";
  // Missing or JSON null: `->>` is NULL, so is the comparison, and coalesce makes it false.
  return sql`coalesce((${positive ? member : sql`not (${member})`} and ${isString}), false)`;
}
