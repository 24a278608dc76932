/**
 * The preview's counts in one pass over the workspace's profiles. Each top-level condition is
 * compiled once into a bit of a mask, and the profiles are grouped by mask: the total, the rule's
 * count (the bits combined like the top-level group) and each condition's count all follow from
 * that small histogram, so every event set is built once. (Counting `filter (where …)` per
 * condition would repeat each condition's subqueries in the rule's own filter and build their
 * sets twice.) Only counts are aggregated, so PostgreSQL may aggregate in parallel workers.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Node, Rule } from "@/lib/rules/ast";
import { compileToFastSql, type FastSqlContext } from "./compile-to-fast-sql";

/** Bits per bigint mask column (63 would reach the sign bit). */
const BITS = 62;

/** The parts whose individual sizes the builder shows: the top-level group's children. */
export function topLevelConditions(rule: Node): Node[] {
  return rule.type === "group" ? rule.children : [rule];
}

const chunksOf = (parts: number) => Math.max(1, Math.ceil(parts / BITS));
const maskColumn = (chunk: number) => sql.identifier(`m${chunk}`);
const power = (j: number) => sql.raw((1n << BigInt(j)).toString());

/** Whether the top-level group matches, from the bits of its children. */
function combinedBits(rule: Node, bits: boolean[]): boolean {
  if (rule.type !== "group") return bits[0];
  const value = rule.op === "and" ? bits.every(Boolean) : bits.some(Boolean);
  return rule.negate ? !value : value;
}

/** One histogram row: `m0, m1, …` (the condition bits) and how many profiles have them. */
export type MaskRow = Record<string, unknown> & { n: number };

/** `select m0, m1, …, n … group by m0, m1, …` for the rule over the workspace's profiles. */
export function previewPassSql(rule: Rule, now: Date, ctx: FastSqlContext): SQL {
  const parts = topLevelConditions(rule);
  if (parts.length === 1) {
    // One condition needs no grouping: a filtered count is cheaper per profile than a hash lookup.
    return sql`select v.m0, v.n from (select count(*)::int as total, count(*) filter (where ${compileToFastSql(parts[0] as Rule, now, ctx)})::int as hits
      from profiles p where p.workspace_id = ${ctx.workspaceId}::uuid) a
      cross join lateral (values (1::bigint, a.hits), (0::bigint, a.total - a.hits)) v(m0, n)`;
  }
  const masks = Array.from({ length: chunksOf(parts.length) }, (_, c) => {
    const terms = parts.slice(c * BITS, (c + 1) * BITS).map((part, j) =>
      sql`(case when ${compileToFastSql(part as Rule, now, ctx)} then ${power(j)} else 0 end)`);
    return sql`${terms.length ? sql.join(terms, sql` | `) : sql`0`}::bigint as ${maskColumn(c)}`;
  });
  const groupBy = sql.join(Array.from({ length: masks.length }, (_, c) => sql`x.${maskColumn(c)}`), sql`, `);
  return sql`select ${groupBy}, count(*)::int as n
    from (select ${sql.join(masks, sql`, `)} from profiles p where p.workspace_id = ${ctx.workspaceId}::uuid) x
    group by ${groupBy}`;
}

/** Total, count and per-condition counts from the histogram. */
export function readPreviewPass(rule: Rule, rows: MaskRow[]) {
  const parts = topLevelConditions(rule);
  const chunks = chunksOf(parts.length);
  const perCondition = parts.map(() => 0);
  let total = 0;
  let count = 0;
  for (const row of rows) {
    // bigint arrives as a string (postgres.js) or a bigint (PGlite).
    const masks = Array.from({ length: chunks }, (_, c) => BigInt(String(row[`m${c}`])));
    const bits = parts.map((_, i) => (masks[Math.floor(i / BITS)] & (1n << BigInt(i % BITS))) !== 0n);
    const n = Number(row.n);
    total += n;
    bits.forEach((b, i) => (perCondition[i] += b ? n : 0));
    if (combinedBits(rule, bits)) count += n;
  }
  return { total, count, perCondition };
}
