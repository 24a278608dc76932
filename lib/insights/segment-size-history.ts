/**
 * Segment size over time: the history job (backfill by evaluating the rule as of each past day,
 * then the snapshot rows from stored membership), the hook that queues it when a rule changes,
 * and the cached read behind `GET /api/v1/segments/{key}/history`.
 */
import "server-only";
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { segments, segmentSizeDaily, type InsightJob } from "@/db/schema";
import { DAY_MS } from "@/lib/rules/value-test";
import { getSegmentByKey, loadSegments, segmentResolver, storedRule } from "@/lib/segments/segment-rules";
import { enqueueInsightJob, latestInsightJob, registerInsightJob, type JobProgress } from "./jobs";
import { backfillSizeHistory, HISTORY_DAYS, isoDay, type SizePoint } from "./size-history";
import { snapshotSegmentSizes } from "./segment-size-snapshot";

export const SIZE_HISTORY_JOB = "segment_size_history";

export interface SizeHistoryResult {
  method: "set" | "per_day";
  fallbackReason: string | null;
  ms: number;
  backfilledDays: number;
}

/**
 * Computes and stores one segment's history: backfilled rows for the days before its rule took
 * effect (all of the last 90 days for a rule that took effect today), snapshot rows after.
 */
export async function refreshSegmentSizeHistory(
  db: Database,
  params: { workspaceId: string; segmentId: string; now?: Date; onProgress?: JobProgress },
): Promise<SizeHistoryResult | null> {
  const now = params.now ?? new Date();
  const started = Date.now();
  const stored = await loadSegments(db, params.workspaceId);
  const segment = [...stored.values()].find((s) => s.id === params.segmentId);
  if (!segment) return null;
  const [row] = await db.select({ ruleChangedAt: segments.ruleChangedAt }).from(segments).where(eq(segments.id, segment.id));
  const today = Math.floor(now.getTime() / DAY_MS);
  const effective = row?.ruleChangedAt ? Math.min(today, Math.floor(row.ruleChangedAt.getTime() / DAY_MS)) : today;
  const history = await backfillSizeHistory(db, {
    workspaceId: params.workspaceId,
    rule: storedRule(segment.rule, segment.key),
    resolve: segmentResolver(stored),
    now,
    days: HISTORY_DAYS,
    onProgress: (done, message) => params.onProgress?.((0.95 * done) / HISTORY_DAYS, message),
  });
  const keep = history.points.filter((p) => p.day < isoDay(effective));
  await writeBackfill(db, params.workspaceId, segment.id, isoDay(effective), keep, now);
  if (segment.status === "active") await snapshotSegmentSizes(db, { workspaceId: params.workspaceId, segmentIds: [segment.id], now });
  return { method: history.method, fallbackReason: history.fallbackReason, ms: Date.now() - started, backfilledDays: keep.length };
}

async function writeBackfill(db: Database, workspaceId: string, segmentId: string, before: string, points: SizePoint[], now: Date) {
  await db.transaction(async (tx) => {
    await tx.delete(segmentSizeDaily).where(and(eq(segmentSizeDaily.workspaceId, workspaceId), eq(segmentSizeDaily.segmentId, segmentId), lt(segmentSizeDaily.day, before)));
    if (points.length === 0) return;
    await tx.insert(segmentSizeDaily).values(points.map((p) => ({ workspaceId, segmentId, ...p, source: "backfill" as const, computedAt: now })));
  });
}

registerInsightJob(SIZE_HISTORY_JOB, async (db: Database, job: InsightJob, progress: JobProgress) =>
  refreshSegmentSizeHistory(db, { workspaceId: job.workspaceId, segmentId: job.key, onProgress: progress }),
);

/**
 * The hook for segment saves: the rules of these segments (a saved one and those built on it)
 * took effect at `at` — the instant their membership was reconciled — so their history is
 * recomputed in the background.
 */
export async function segmentRulesChanged(db: Database, params: { workspaceId: string; segmentKeys: string[]; at: Date }) {
  if (params.segmentKeys.length === 0) return;
  const changed = await db
    .update(segments)
    .set({ ruleChangedAt: params.at })
    .where(and(eq(segments.workspaceId, params.workspaceId), inArray(segments.key, params.segmentKeys)))
    .returning({ id: segments.id });
  for (const s of changed) await enqueueInsightJob(db, { workspaceId: params.workspaceId, kind: SIZE_HISTORY_JOB, key: s.id });
}

export interface SegmentHistory {
  status: "ready" | "queued" | "running" | "failed";
  progress: number;
  message: string;
  error: string | null;
  /** When the newest row was computed; null before the first. */
  computedAt: string | null;
  series: SizePoint[];
  /** Size at the last day against 7 days earlier; null when either is missing. */
  weekOverWeek: { current: number; previous: number; change: number; percent: number | null } | null;
}

/**
 * The stored daily series of the last `days` days (ending today) and the state of its job;
 * queues the backfill when the segment has none yet (segments older than this feature).
 */
export async function getSegmentSizeHistory(db: Database, params: { workspaceId: string; key: string; days: number; now?: Date }): Promise<SegmentHistory> {
  const segment = await getSegmentByKey(db, params.workspaceId, params.key);
  const today = Math.floor((params.now ?? new Date()).getTime() / DAY_MS);
  const [rows, job] = await Promise.all([
    db
      .select({ day: segmentSizeDaily.day, size: segmentSizeDaily.size, entries: segmentSizeDaily.entries, exits: segmentSizeDaily.exits, computedAt: segmentSizeDaily.computedAt })
      .from(segmentSizeDaily)
      .where(and(eq(segmentSizeDaily.workspaceId, params.workspaceId), eq(segmentSizeDaily.segmentId, segment.id), gte(segmentSizeDaily.day, isoDay(today - Math.max(params.days, 8) + 1))))
      .orderBy(asc(segmentSizeDaily.day)),
    latestInsightJob(db, { workspaceId: params.workspaceId, kind: SIZE_HISTORY_JOB, key: segment.id }),
  ]);
  const stale = !job || (segment.ruleChangedAt !== null && job.createdAt < segment.ruleChangedAt);
  const current = stale ? await enqueueInsightJob(db, { workspaceId: params.workspaceId, kind: SIZE_HISTORY_JOB, key: segment.id }) : job;
  // Week over week needs 8 days, whatever range is shown.
  const all = rows.map(({ computedAt: _, ...p }) => p);
  const series = all.filter((p) => p.day >= isoDay(today - params.days + 1));
  const computedAt = rows.reduce<Date | null>((max, r) => (!max || r.computedAt > max ? r.computedAt : max), null);
  return {
    status: current.status === "done" ? "ready" : current.status,
    progress: current.status === "done" ? 1 : current.progress,
    message: current.message,
    error: current.status === "failed" ? current.error : null,
    computedAt: computedAt?.toISOString() ?? null,
    series,
    weekOverWeek: weekOverWeek(all),
  };
}

/** The last point's size against the point 7 days before it. */
export function weekOverWeek(series: SizePoint[]): SegmentHistory["weekOverWeek"] {
  const last = series.at(-1);
  if (!last) return null;
  const target = isoDay(Math.round(Date.parse(`${last.day}T00:00:00Z`) / DAY_MS) - 7);
  const before = series.find((p) => p.day === target);
  if (!before) return null;
  const change = last.size - before.size;
  return { current: last.size, previous: before.size, change, percent: before.size === 0 ? null : (change / before.size) * 100 };
}
