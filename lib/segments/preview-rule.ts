import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { Rule } from "@/lib/rules/ast";
import type { Catalog } from "@/lib/rules/catalog";
import { describe } from "@/lib/rules/describe";
import { inlineSegments } from "@/lib/rules/inline-segments";
import { countRule, type IndexCount } from "./audience-index/count-rule";
import { withAudienceIndex } from "./audience-index/registry";
import { inlineFastSegments } from "./fast-sql/inline-fast-segments";
import { previewPassSql, readPreviewPass, topLevelConditions, type MaskRow } from "./fast-sql/preview-sql";
import { runFast } from "./fast-sql/run-fast";
import { passSampleSql, walkLength, walkSampleSql } from "./fast-sql/sample-sql";
import { rollupsReady } from "./rollups";
import type { PreviewResult } from "./schemas";
import { segmentResolver, type StoredSegment } from "./segment-rules";

export const PREVIEW_TIMEOUT_MS = 8_000;
/** How long a preview waits for a workspace's audience index to be built before counting in the database. */
export const INDEX_WAIT_MS = 1_500;

/** Profile columns shown in samples and member lists. */
export const memberColumns = sql`p.id, p.user_id as "userId", p.traits->>'email' as email,
  nullif(trim(concat_ws(' ', p.traits->>'first_name', p.traits->>'last_name')), '') as name,
  coalesce(p.traits->>'country', p.context->>'country') as country`;

type Member = PreviewResult["sample"][number];

/** The member columns of the given profiles, in the given order (profiles deleted meanwhile left out). */
async function membersInOrder(db: Database, workspaceId: string, ids: string[]): Promise<Member[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<Member>(db, sql`select ${memberColumns} from profiles p
    where p.workspace_id = ${workspaceId}::uuid and p.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The live answer for the builder: exact count, total, each top-level condition's count alone,
 * and a sample of members (most recently seen first) — for a rule that need not be saved.
 * Counts and sample come from the workspace's audience index in memory when it is ready
 * (audience-index/, exact and current to the last committed write); otherwise from one set-based
 * pass in the database (fast-sql/preview-sql.ts), the sample from a short walk over recent
 * profiles when the count says it will find one (fast-sql/sample-sql.ts).
 */
export async function previewRule(
  db: Database,
  params: {
    workspaceId: string; rule: Rule; catalog: Catalog; stored: Map<string, StoredSegment>; now?: Date; sampleSize?: number; timeoutMs?: number; signal?: AbortSignal;
    /** "database" skips the audience index (tests of the database path). */
    engine?: "auto" | "database";
  },
): Promise<PreviewResult> {
  const started = performance.now();
  const { rule, workspaceId } = params;
  const now = params.now ?? new Date();
  const size = params.sampleSize ?? 10;
  const timeoutMs = params.timeoutMs ?? PREVIEW_TIMEOUT_MS;
  const bounds = () => ({ timeoutMs: Math.max(1, timeoutMs - (performance.now() - started)), signal: params.signal });
  const resolve = segmentResolver(params.stored);
  const description = describe(rule, params.catalog);
  const timedOut = (): PreviewResult => ({ count: 0, total: 0, perCondition: [], sample: [], description, timedOut: true, tookMs: Math.round(performance.now() - started) });
  const answer = (counts: { count: number; total: number; perCondition: number[] }, sample: Member[]): PreviewResult => ({
    count: counts.count,
    total: counts.total,
    perCondition: topLevelConditions(rule).map((part, i) => ({ index: i, description: describe(part as Rule, params.catalog), count: counts.perCondition[i] })),
    sample,
    description,
    timedOut: false,
    tookMs: Math.round(performance.now() - started),
  });

  let indexed: Awaited<ReturnType<typeof withAudienceIndex<IndexCount | null>>> = null;
  if (params.engine !== "database") {
    try {
      indexed = await withAudienceIndex(
        db,
        workspaceId,
        (index) => countRule(index, { rule, now, ctx: { resolve }, sampleSize: size, deadline: started + timeoutMs, signal: params.signal }),
        { waitMs: INDEX_WAIT_MS },
      );
    } catch (error) {
      // Re-reading changed profiles failed (the database is struggling): count there, which says what went wrong.
      console.error("[tailor] the audience index could not answer; counting in the database", error);
    }
  }
  if (indexed) {
    if (!indexed.value) {
      if (params.signal?.aborted) throw new DOMException("The preview was cancelled", "AbortError");
      return timedOut();
    }
    return answer(indexed.value, await membersInOrder(db, workspaceId, indexed.value.sample));
  }

  const ctx = inlineFastSegments(resolve, now, { workspaceId, rollups: await rollupsReady(db, workspaceId) });

  const pass = await runFast<MaskRow>(db, [previewPassSql(rule, now, ctx)], bounds());
  if (pass.timedOut) return timedOut();
  const { total, count, perCondition } = readPreviewPass(rule, pass.rows[0]);

  let sample: Member[] = [];
  if (size > 0 && count > 0) {
    const walk = walkLength(size, count, total);
    if (walk !== null) {
      const walked = await runFast<Member>(db, [walkSampleSql({ rule, now, ctx: inlineSegments(resolve, now), workspaceId, columns: memberColumns, size, walk })], bounds());
      if (walked.timedOut) return timedOut();
      sample = walked.rows[0];
    }
    if (sample.length < Math.min(size, count)) {
      const passed = await runFast<Member & { seen?: unknown }>(db, [passSampleSql({ rule, now, ctx, columns: memberColumns, size })], bounds());
      if (passed.timedOut) return timedOut();
      sample = passed.rows[0].map(({ seen: _, ...member }) => member);
    }
  }
  return answer({ count, total, perCondition }, sample);
}
