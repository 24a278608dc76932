/**
 * `npm run bench:insights -- [--profiles N] [--runs R] [--verify]`
 *
 * On the benchmark dataset of bench/segments (N demo profiles, ~10 events each, `now` fixed at
 * 2026-01-15T13:37:42Z; PostgreSQL `tailor_bench_<N>` when DATABASE_URL is set, else PGlite):
 *
 * - backfill_ms: the 90-day size history of one behavioural segment ("viewed sports articles at
 *   least 3 times in the last 30 days"), median of R runs; every demo segment's is timed once too.
 *   `--verify` also evaluates that rule day by day (slow) and fails unless both agree.
 * - overlap_ms: the 8×8 overlap matrix of the demo segments (lib/insights/overlap.ts) over stored
 *   members, median of R runs. Members are materialized once with the fast compiler (setup).
 * - cached_ms: the history endpoint's function for 90 days from the cache, warm, median of 20.
 *
 * Prints a table and, as the last line, one JSON object. Benchmarks are not tests.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { insightJobs, segments } from "@/db/schema";
import { getSegmentOverlap } from "@/lib/insights/overlap";
import { getSegmentSizeHistory, refreshSegmentSizeHistory, SIZE_HISTORY_JOB } from "@/lib/insights/segment-size-history";
import { backfillSizeHistory } from "@/lib/insights/size-history";
import type { Rule } from "@/lib/rules/ast";
import { discoverCatalog } from "@/lib/rules/discover-catalog";
import { parse } from "@/lib/rules/parse";
import { DEMO_SEGMENTS } from "@/lib/segments/demo-segments";
import { compileToFastSql } from "@/lib/segments/fast-sql/compile-to-fast-sql";
import { inlineFastSegments } from "@/lib/segments/fast-sql/inline-fast-segments";
import { runFast } from "@/lib/segments/fast-sql/run-fast";
import { loadDataset, type Dataset } from "./segments/dataset";

const BEHAVIOURAL = "sports-readers";
const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

/** The demo segments in the bench workspace, with members as of the dataset's `now` (built once). */
async function ensureSegments(d: Dataset): Promise<Map<string, { id: string; rule: Rule }>> {
  const { db } = d.handle;
  const catalog = await discoverCatalog(db, d.workspaceId);
  const json = new Map(DEMO_SEGMENTS.map((s) => [s.key, s.rule]));
  const parsed = new Map<string, Rule>();
  for (const s of DEMO_SEGMENTS) {
    const result = parse(s.rule, catalog, { lookupSegment: (k) => json.get(k), segmentKey: s.key });
    if (!result.ok) throw new Error(`demo rule ${s.key} does not parse here: ${JSON.stringify(result.errors)}`);
    parsed.set(s.key, result.rule);
  }
  const out = new Map<string, { id: string; rule: Rule }>();
  for (const s of DEMO_SEGMENTS) {
    const [existing] = await db.select({ id: segments.id }).from(segments).where(and(eq(segments.workspaceId, d.workspaceId), eq(segments.key, s.key)));
    let id = existing?.id;
    if (!id) {
      [{ id }] = await db.insert(segments).values({ workspaceId: d.workspaceId, key: s.key, name: s.name, description: s.description, tags: s.tags, rule: parsed.get(s.key)!, updatedBy: "bench" }).returning({ id: segments.id });
      const ctx = inlineFastSegments((k) => parsed.get(k), d.now, { workspaceId: d.workspaceId, rollups: true });
      const [ms] = await time(() =>
        runFast(db, [
          sql`insert into segment_members (workspace_id, profile_id, segment_id, entered_at)
              select p.workspace_id, p.id, ${id}::uuid, ${d.now.toISOString()}::timestamptz from profiles p
              where p.workspace_id = ${d.workspaceId}::uuid and ${compileToFastSql(parsed.get(s.key)!, d.now, ctx)}`,
        ]),
      );
      log(`  materialized members of ${s.key} in ${(ms / 1000).toFixed(1)} s`);
    }
    out.set(s.key, { id, rule: parsed.get(s.key)! });
  }
  await db.execute(sql`analyze segment_members`);
  return out;
}

async function main() {
  const { values } = parseArgs({ options: { profiles: { type: "string", default: "1000000" }, runs: { type: "string", default: "3" }, verify: { type: "boolean", default: false } } });
  const n = Number(values.profiles);
  const runs = Number(values.runs);
  if (![n, runs].every((x) => Number.isInteger(x) && x >= 1)) throw new Error("--profiles and --runs take positive whole numbers");
  const d = await loadDataset(n, { rebuildRollups: false });
  const db: Database = d.handle.db;
  try {
    const segs = await ensureSegments(d);
    const resolve = (k: string) => segs.get(k)?.rule;
    const target = segs.get(BEHAVIOURAL)!;
    const backfill = () => backfillSizeHistory(db, { workspaceId: d.workspaceId, rule: target.rule, resolve, now: d.now, days: 90 });

    await backfill(); // warm-up
    const backfillTimes: number[] = [];
    let method = "";
    let history: Awaited<ReturnType<typeof backfill>> | null = null;
    for (let i = 0; i < runs; i++) {
      const [ms, h] = await time(backfill);
      backfillTimes.push(ms);
      method = h.method;
      history = h;
    }
    const last = history!.points.at(-1)!;
    log(`backfill ${BEHAVIOURAL}: ${backfillTimes.map((t) => t.toFixed(0)).join(", ")} ms (${method}); last day ${last.day}: ${last.size} members`);

    if (values.verify) {
      const [ms, perDay] = await time(() => backfillSizeHistory(db, { workspaceId: d.workspaceId, rule: target.rule, resolve, now: d.now, days: 90, method: "per_day" }));
      if (JSON.stringify(perDay.points) !== JSON.stringify(history!.points)) throw new Error("set-based and per-day histories differ");
      log(`verified against one evaluation per day (${(ms / 1000).toFixed(1)} s): identical`);
    }

    const perSegment: Record<string, { ms: number; method: string }> = {};
    for (const [key, s] of segs) {
      const [ms, h] = await time(() => backfillSizeHistory(db, { workspaceId: d.workspaceId, rule: s.rule, resolve, now: d.now, days: 90 }));
      perSegment[key] = { ms: Math.round(ms), method: h.method };
    }

    const keys = [...segs.keys()];
    await getSegmentOverlap(db, { workspaceId: d.workspaceId, keys, refresh: true }); // warm-up
    const overlapTimes: number[] = [];
    for (let i = 0; i < runs; i++) overlapTimes.push((await time(() => getSegmentOverlap(db, { workspaceId: d.workspaceId, keys, refresh: true })))[0]);

    // The cache as the server leaves it: rows written and a finished job.
    await refreshSegmentSizeHistory(db, { workspaceId: d.workspaceId, segmentId: target.id, now: d.now });
    await db.delete(insightJobs).where(and(eq(insightJobs.workspaceId, d.workspaceId), eq(insightJobs.key, target.id)));
    await db.insert(insightJobs).values({ workspaceId: d.workspaceId, kind: SIZE_HISTORY_JOB, key: target.id, status: "done", progress: 1, finishedAt: new Date() });
    const read = () => getSegmentSizeHistory(db, { workspaceId: d.workspaceId, key: BEHAVIOURAL, days: 90, now: d.now });
    const first = await read();
    if (first.status !== "ready" || first.series.length < 90) throw new Error(`cached history incomplete: ${first.status}, ${first.series.length} days`);
    const cachedTimes: number[] = [];
    for (let i = 0; i < 20; i++) cachedTimes.push((await time(read))[0]);

    const [counts] = await queryRows<{ events: number }>(db, sql`select count(*)::int as events from events where workspace_id = ${d.workspaceId}::uuid`);
    const result = {
      backfill_ms: round(median(backfillTimes)),
      overlap_ms: round(median(overlapTimes)),
      cached_ms: round(median(cachedTimes)),
      backfill_method: method,
      backfill_runs_ms: backfillTimes.map(round),
      overlap_runs_ms: overlapTimes.map(round),
      cached_p95_ms: round([...cachedTimes].sort((a, b) => a - b)[18]),
      backfill_per_segment_ms: perSegment,
      profiles: n,
      events: Number(counts.events),
      engine: d.handle.engine,
      load_avg: os.loadavg().map((x) => round(x)),
      targets: { backfill_ms: 10_000, overlap_ms: 2_000, cached_ms: 50 },
    };
    console.log(`\nInsights benchmark — ${n.toLocaleString("en-US")} profiles, ${result.events.toLocaleString("en-US")} events (${d.handle.engine}), load ${result.load_avg.join(" ")}`);
    console.log("measure                         median ms   target ms   runs");
    console.log(`90-day backfill (${BEHAVIOURAL})`.padEnd(32) + String(result.backfill_ms).padStart(9) + "10000".padStart(12) + `   ${result.backfill_runs_ms.join(", ")}`);
    console.log("8-segment overlap matrix".padEnd(32) + String(result.overlap_ms).padStart(9) + "2000".padStart(12) + `   ${result.overlap_runs_ms.join(", ")}`);
    console.log("cached 90-day history read".padEnd(32) + String(result.cached_ms).padStart(9) + "50".padStart(12) + `   p95 ${result.cached_p95_ms}`);
    for (const [key, s] of Object.entries(perSegment)) console.log(`  backfill ${key}`.padEnd(32) + String(s.ms).padStart(9) + `   ${s.method}`);
    console.log(JSON.stringify(result));
  } finally {
    await d.handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
