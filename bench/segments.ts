/**
 * `npm run bench:segments -- --profiles N [--runs R] [--naive-runs K] [--only TEXT] [--rebuild-rollups]`
 *
 * Times the builder's full preview answer (count, total, per-condition counts, sample) for a
 * fixed suite of rules on a dataset of N profiles with ~10 events each — PostgreSQL when
 * DATABASE_URL is set, else PGlite — against the naive way (compileToSql on raw events),
 * alternating the two pair by pair (the first K runs; at a million profiles one naive preview
 * takes minutes, so `--naive-runs` may be lower than `--runs`). Fails loudly when their answers
 * differ. Prints a table and, as the last line, one JSON object. Benchmarks are not tests.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { Rule } from "@/lib/rules/ast";
import { discoverCatalog } from "@/lib/rules/discover-catalog";
import type { Facts } from "@/lib/rules/evaluate";
import { parse } from "@/lib/rules/parse";
import { audienceIndexStats, withAudienceIndex } from "@/lib/segments/audience-index/registry";
import { previewRule } from "@/lib/segments/preview-rule";
import type { PreviewResult } from "@/lib/segments/schemas";
import type { StoredSegment } from "@/lib/segments/segment-rules";
import { loadDataset, type Dataset } from "./segments/dataset";
import { compareWithGrowthBook } from "./segments/growthbook";
import { naivePreviewRule } from "./segments/naive-preview";
import { benchRules, benchSegments } from "./segments/suite";

const TIMEOUT_MS = 600_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const log = (line: string) => process.stderr.write(`${line}\n`);

function sameAnswer(a: PreviewResult, b: PreviewResult): boolean {
  return a.count === b.count && a.total === b.total && JSON.stringify(a.perCondition.map((c) => c.count)) === JSON.stringify(b.perCondition.map((c) => c.count))
    && JSON.stringify(a.sample) === JSON.stringify(b.sample);
}

async function loadFacts(d: Dataset, limit: number): Promise<Facts[]> {
  const rows = await queryRows<{ user_id: string | null; traits: Record<string, unknown>; context: Record<string, unknown>; first_seen_at: string; last_seen_at: string }>(
    d.handle.db,
    sql`select user_id, traits, context, first_seen_at, last_seen_at from profiles where workspace_id = ${d.workspaceId}::uuid order by id limit ${limit}`,
  );
  return rows.map((r) => ({
    profile: { userId: r.user_id, traits: r.traits, context: r.context, firstSeenAt: new Date(r.first_seen_at), lastSeenAt: new Date(r.last_seen_at) },
    events: [],
  }));
}

async function main() {
  const { values } = parseArgs({
    options: {
      profiles: { type: "string", default: "100000" }, runs: { type: "string", default: "5" }, "naive-runs": { type: "string" },
      only: { type: "string" }, "rebuild-rollups": { type: "boolean", default: false },
    },
  });
  const n = Number(values.profiles);
  const runs = Number(values.runs);
  const naiveRuns = Number(values["naive-runs"] ?? runs);
  if (![n, runs, naiveRuns].every((x) => Number.isInteger(x) && x >= 1) || naiveRuns > runs) {
    throw new Error("--profiles, --runs and --naive-runs take positive whole numbers, with --naive-runs at most --runs");
  }
  const d = await loadDataset(n, { rebuildRollups: values["rebuild-rollups"]! });
  const { db } = d.handle;
  try {
    const catalog = await discoverCatalog(db, d.workspaceId);
    const segments = benchSegments();
    const mustParse = (json: unknown, key?: string): Rule => {
      const result = parse(json, catalog, { lookupSegment: (k) => segments[k]?.rule, segmentKey: key });
      if (!result.ok) throw new Error(`bench rule does not parse: ${JSON.stringify(result.errors)}`);
      return result.rule;
    };
    const stored = new Map<string, StoredSegment>(
      Object.entries(segments).map(([key, s]) => [key, { id: key, key, name: s.name, status: "active", rule: mustParse(s.rule, key) }]),
    );
    const suite = benchRules(d.now)
      .filter((r) => !values.only || r.name.includes(values.only))
      .map((r) => ({ ...r, parsed: mustParse(r.rule) }));
    const params = (rule: Rule) => ({ workspaceId: d.workspaceId, rule, catalog, stored, now: d.now, sampleSize: 10, timeoutMs: TIMEOUT_MS });

    const timed = async (fn: () => Promise<PreviewResult>) => {
      const t0 = performance.now();
      const result = await fn();
      if (result.timedOut) throw new Error("a preview timed out");
      return { ms: performance.now() - t0, result };
    };
    // The evaluators first, in a process that holds nothing else yet: timed next to the audience
    // index's heap, garbage collections of that heap landed on either engine's rounds and moved
    // the ratio between 3.7× and 13.6× from run to run.
    const gb = compareWithGrowthBook(await loadFacts(d, Math.min(d.profiles, 20_000)), catalog, d.now);

    // Tailor counts from the workspace's audience index once it is built (at the first preview in
    // the app); build it first, as a server that has answered one preview has, and report its cost.
    const heapBefore = process.memoryUsage();
    const built = performance.now();
    const ready = await withAudienceIndex(db, d.workspaceId, (index) => index.alive, { waitMs: 3_600_000 });
    const stats = audienceIndexStats(db).find((e) => e.workspaceId === d.workspaceId);
    if (!ready || !stats) throw new Error(`the audience index was not built: ${JSON.stringify(stats)}`);
    const heapAfter = process.memoryUsage();
    const index = {
      build_ms: Math.round(performance.now() - built), megabytes: stats.megabytes,
      rss_mb: Math.round((heapAfter.rss - heapBefore.rss) / 1048576), heap_mb: Math.round((heapAfter.heapUsed - heapBefore.heapUsed) / 1048576),
      array_buffers_mb: Math.round((heapAfter.arrayBuffers - heapBefore.arrayBuffers) / 1048576),
    };
    log(`audience index: ${stats.profiles} profiles, ${stats.events} events built in ${(index.build_ms / 1000).toFixed(1)} s; ~${index.megabytes} MB by its own estimate (rss +${index.rss_mb} MB, JS heap +${index.heap_mb} MB, array buffers +${index.array_buffers_mb} MB)`);
    const results = [];
    const loadBefore = os.loadavg()[0];
    log(`engine ${d.handle.engine}, ${d.profiles} profiles, ${d.events} events, ${runs} timed runs per rule (+1 warm-up), ${naiveRuns} with the naive way; load average ${loadBefore.toFixed(1)} on ${os.cpus().length} CPUs`);
    for (const r of suite) {
      const fast: number[] = [];
      const naive: number[] = [];
      const ratios: number[] = [];
      let count = 0;
      for (let run = 0; run <= runs; run++) {
        // Alternate which goes first, so neither always finds the other's pages in cache.
        const order = run > naiveRuns ? ["fast"] : run % 2 === 0 ? ["fast", "naive"] : ["naive", "fast"];
        const got: Record<string, { ms: number; result: PreviewResult }> = {};
        for (const which of order) {
          got[which] = await timed(() => (which === "fast" ? previewRule(db, params(r.parsed)) : naivePreviewRule(db, params(r.parsed))));
        }
        if (got.naive && !sameAnswer(got.fast.result, got.naive.result)) {
          const show = (x: PreviewResult) => JSON.stringify({ count: x.count, total: x.total, per: x.perCondition.map((c) => c.count), sample: x.sample.map((m) => m.id) });
          throw new Error(`"${r.name}": Tailor and the naive way disagree\nfast:  ${show(got.fast.result)}\nnaive: ${show(got.naive.result)}`);
        }
        count = got.fast.result.count;
        if (run === 0) continue; // warm-up
        fast.push(got.fast.ms);
        if (!got.naive) continue;
        naive.push(got.naive.ms);
        ratios.push(got.naive.ms / got.fast.ms);
      }
      const row = {
        name: r.name, p50_ms: round(percentile(fast, 50)), p95_ms: round(percentile(fast, 95)), naive_p50_ms: round(percentile(naive, 50)),
        naive_ratio: round(percentile(ratios, 50), 2), count,
      };
      results.push({ row, fast, naive });
      log(`  ${row.name.padEnd(44)} p50 ${String(row.p50_ms).padStart(8)} ms  p95 ${String(row.p95_ms).padStart(8)} ms  naive p50 ${String(row.naive_p50_ms).padStart(9)} ms  ×${row.naive_ratio}  count ${count}`);
    }

    const allFast = results.flatMap((r) => r.fast);
    const geomean = Math.exp(results.reduce((s, r) => s + Math.log(r.row.naive_ratio), 0) / results.length);
    const totalRatio = results.reduce((s, r) => s + r.row.naive_p50_ms, 0) / results.reduce((s, r) => s + r.row.p50_ms, 0);
    const loadAfter = os.loadavg()[0];

    console.log("");
    console.log(`${"rule".padEnd(44)} ${"p50 ms".padStart(9)} ${"p95 ms".padStart(9)} ${"naive p50".padStart(10)} ${"×naive".padStart(8)} ${"count".padStart(8)}`);
    for (const { row } of results) {
      console.log(`${row.name.padEnd(44)} ${String(row.p50_ms).padStart(9)} ${String(row.p95_ms).padStart(9)} ${String(row.naive_p50_ms).padStart(10)} ${String(row.naive_ratio).padStart(8)} ${String(row.count).padStart(8)}`);
    }
    console.log(`machine: load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, ${os.cpus().length} CPUs (other processes share them)`);
    console.log(`overall: p50 ${round(percentile(allFast, 50))} ms, p95 ${round(percentile(allFast, 95))} ms, naive ratio ${round(geomean, 2)} (geometric mean of per-rule medians; total time ${round(totalRatio, 2)}×)`);
    console.log(`audience index: built in ${(index.build_ms / 1000).toFixed(1)} s, ~${index.megabytes} MB (rss +${index.rss_mb} MB)`);
    console.log(`evaluator: Tailor ${Math.round(gb.tailorPerSecond).toLocaleString("en-US")}/s, GrowthBook ${Math.round(gb.growthbookPerSecond).toLocaleString("en-US")}/s over ${gb.profiles} profiles (${round(gb.ratio, 2)}×); same answers ${JSON.stringify(gb.matches)}`);
    console.log(JSON.stringify({
      rules: results.map((r) => r.row),
      overall: {
        p50_ms: round(percentile(allFast, 50)), p95_ms: round(percentile(allFast, 95)), naive_ratio: round(geomean, 2), naive_ratio_total_time: round(totalRatio, 2),
        evaluator_vs_growthbook: round(gb.ratio, 2), profiles: d.profiles, events: d.events, engine: d.handle.engine, runs, naive_runs: naiveRuns,
        load_average: [round(loadBefore, 2), round(loadAfter, 2)], audience_index: index,
      },
    }));
  } finally {
    await d.handle.close();
  }
}

await main();
