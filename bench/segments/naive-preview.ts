/**
 * The naive way, for comparison: previewRule as it was before the fast compiler — every rule
 * compiled straight onto the raw events table with compileToSql + inlineSegments (a correlated
 * subquery per event condition and profile), same preview shape, same indexes, no rollups.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Node, Rule } from "@/lib/rules/ast";
import type { Catalog } from "@/lib/rules/catalog";
import { compileToSql } from "@/lib/rules/compile-sql";
import { describe } from "@/lib/rules/describe";
import { inlineSegments } from "@/lib/rules/inline-segments";
import type { PreviewResult } from "@/lib/segments/schemas";
import { runBounded } from "@/lib/segments/run-bounded";
import { segmentResolver, type StoredSegment } from "@/lib/segments/segment-rules";
import { memberColumns } from "@/lib/segments/preview-rule";

/** The parts whose individual sizes the builder shows: the top-level group's children. */
function topLevelConditions(rule: Node): Node[] {
  return rule.type === "group" ? rule.children : [rule];
}

/** The preview answer computed the naive way. */
export async function naivePreviewRule(
  db: Database,
  params: { workspaceId: string; rule: Rule; catalog: Catalog; stored: Map<string, StoredSegment>; now?: Date; sampleSize?: number; timeoutMs?: number; signal?: AbortSignal },
): Promise<PreviewResult> {
  const started = performance.now();
  const now = params.now ?? new Date();
  const ctx = inlineSegments(segmentResolver(params.stored), now);
  const predicate = compileToSql(params.rule, now, ctx);
  const parts = topLevelConditions(params.rule);
  const perPart: SQL[] = parts.map((part, i) => sql`, count(*) filter (where ${compileToSql(part as Rule, now, ctx)})::int as ${sql.identifier(`c${i}`)}`);
  const counts = sql`select count(*)::int as total, count(*) filter (where ${predicate})::int as count ${sql.join(perPart, sql``)}
    from profiles p where p.workspace_id = ${params.workspaceId}`;
  const sample = sql`select ${memberColumns} from profiles p
    where p.workspace_id = ${params.workspaceId} and ${predicate}
    order by p.last_seen_at desc, p.id limit ${params.sampleSize ?? 10}`;
  const result = await runBounded<Record<string, unknown>>(db, params.sampleSize === 0 ? [counts] : [counts, sample], {
    timeoutMs: params.timeoutMs ?? 8_000,
    signal: params.signal,
  });
  const description = describe(params.rule, params.catalog);
  const tookMs = Math.round(performance.now() - started);
  if (result.timedOut) return { count: 0, total: 0, perCondition: [], sample: [], description, timedOut: true, tookMs };
  const [row] = result.rows[0];
  return {
    count: Number(row.count),
    total: Number(row.total),
    perCondition: parts.map((part, i) => ({ index: i, description: describe(part as Rule, params.catalog), count: Number(row[`c${i}`]) })),
    sample: (result.rows[1] ?? []) as PreviewResult["sample"],
    description,
    timedOut: false,
    tookMs,
  };
}
