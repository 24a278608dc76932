/**
 * `npm run bench:decide -- [--profiles 100000] [--seconds 15] [--warmup 5] [--cache-warmup 60] [--connections 16]
 *   [--rounds 3] [--rate-seconds 20] [--keys 20000] [--no-build] [--rebuild] [--cpu-prof DIR] [--node-args=FLAGS] [--promoted DIR]`
 *
 * Single OFREP evaluations (`POST /ofrep/v1/evaluate/flags/{slot}`) through a production server,
 * against the framework's own limit measured in the same run. Needs DATABASE_URL (a PostgreSQL
 * server). It builds or reuses the dataset `tailor_bench_decide_<N>` there (N profiles with
 * hundreds of events each; 12 segments with stored members; 10 slots with 20 live experiences),
 * builds `.next` when it is missing or older than the decision code, starts `next start` with
 * `TAILOR_BENCH=1` on a free port, and loads it from this process with random visitors
 * (targeting keys drawn from the dataset's identities, 2% never seen) and random slots:
 *   0. both routes warm up (JIT, pools), decisions for `--cache-warmup` seconds so the visitor
 *      cache holds the visitors that come back (its hit rate is printed for every run);
 *   1. the bare route `POST /ofrep/v1/bench-bare/{slot}` (same body parsed, constant JSON) at
 *      maximum throughput, then decisions at maximum throughput, alternating for `--rounds`
 *      (rps and bare_rps are medians; bare_ratio is the median of each round's decide/bare);
 *   2. decisions, then the bare route, at a fixed rate of half the bare route's median maximum.
 * Targets (docs/personalization.md, Speed): bare_ratio ≥ 0.8 and p99 ≤ 10 ms at that rate.
 * Prints a table and, as the last line, one JSON object. Benchmarks are not tests.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { queryRows } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { createApiKey } from "@/lib/keys/api-keys";
import { serverNodeFlags } from "../cli/server-flags";
import { cpuMs, loadAverage, processTree } from "./decide/cpu";
import { loadDecideDataset, type DecideDataset } from "./decide/dataset";
import { fixedRate, maxThroughput, type LoadResult, type Traffic } from "./decide/load";
import { ensureScenario, SLOT_KEYS } from "./decide/scenario";
import { build, staleBuild, startBenchServer } from "./decide/server";
import type { RunningServer } from "./ingest/server";

const log = (line: string) => process.stderr.write(`[bench:decide] ${line}\n`);
const round = (x: number, digits = 0) => Number(x.toFixed(digits));

function options() {
  const { values } = parseArgs({
    options: {
      profiles: { type: "string", default: "100000" },
      seconds: { type: "string", default: "15" },
      warmup: { type: "string", default: "5" },
      "cache-warmup": { type: "string", default: "60" },
      connections: { type: "string", default: "16" },
      rounds: { type: "string", default: "3" },
      "rate-seconds": { type: "string", default: "20" },
      keys: { type: "string", default: "20000" },
      "no-build": { type: "boolean", default: false },
      rebuild: { type: "boolean", default: false },
      "cpu-prof": { type: "string" },
      "node-args": { type: "string" },
      promoted: { type: "string" },
    },
  });
  const int = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive whole number`);
    return n;
  };
  return {
    profiles: int("profiles"), seconds: int("seconds"), warmup: int("warmup"), cacheWarmup: int("cache-warmup"), connections: int("connections"), rounds: int("rounds"),
    rateSeconds: int("rate-seconds"), keys: int("keys"), build: !values["no-build"], rebuild: values.rebuild!, cpuProfileDir: values["cpu-prof"],
    nodeArgs: values["node-args"]?.split(/\s+/).filter(Boolean), promotedDir: values.promoted,
  };
}

/** Targeting keys of random identities (user and anonymous ids), plus 2% visitors never seen. */
async function sampleKeys(d: DecideDataset, n: number): Promise<string[]> {
  const rows = await queryRows<{ value: string }>(
    d.handle.db,
    sql`select value from identities tablesample system (10) where workspace_id = ${d.workspaceId}::uuid order by random() limit ${n}`,
  );
  const keys = rows.map((r) => r.value);
  for (let i = 0; i < Math.ceil(n / 50); i++) keys.push(`new-visitor-${randomBytes(8).toString("hex")}`);
  return keys;
}

/**
 * Reads what decisions read into the OS page cache before measuring (pg_prewarm, when the server
 * has it and we may create it): a dataset just built or a server just restarted would otherwise
 * measure disk reads of a 10 GB events table in its first minutes, not the steady state a site
 * sees. Best effort; the log says what happened.
 */
async function warmCaches(d: DecideDataset, log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  try {
    await d.handle.db.execute(sql`create extension if not exists pg_prewarm`);
    const relations = ["events_profile_event_time_idx", "events", "identities", "identities_workspace_id_kind_value_pk", "profiles", "segment_members", "impressions_key_idx"];
    let blocks = 0;
    for (const name of relations) {
      const [row] = await queryRows<{ n: number }>(d.handle.db, sql`select pg_prewarm(${name}::regclass, 'read')::bigint as n`);
      blocks += Number(row.n);
    }
    log(`caches warmed: ${relations.length} relations, ${Math.round((blocks * 8) / 1024)} MB read in ${round((performance.now() - t0) / 1000, 1)} s`);
  } catch (error) {
    log(`caches not warmed (${(error as Error).message}); the first seconds may measure disk reads`);
  }
}

const DEVICES = ["desktop", "mobile", "tablet"];
const CAMPAIGNS = [null, null, null, "vietnam-getaway", "game-day-deals", "fund-launch"];

/** Random visitor, random slot; the same bodies for the bare route and for decisions. */
function traffic(prefix: string, keys: string[], clientKey: string): Traffic {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  return {
    headers: { authorization: `Bearer ${clientKey}` },
    next: () => {
      const slot = SLOT_KEYS[rand(SLOT_KEYS.length)];
      const campaign = CAMPAIGNS[rand(CAMPAIGNS.length)];
      const context: Record<string, unknown> = {
        targetingKey: keys[rand(keys.length)],
        page_url: `https://shop.example.test/${slot}`,
        device: DEVICES[rand(DEVICES.length)],
        locale: rand(5) === 0 ? "en-GB" : "en-US",
      };
      if (campaign) context.utm_campaign = campaign;
      return { path: `${prefix}/${slot}`, body: JSON.stringify({ context }) };
    },
  };
}

interface Measured extends LoadResult {
  load: number[];
  server_cpu_us: number;
  pg_cpu_us: number;
  client_cpu_us: number;
  /** Share of this run's decisions whose visitor came from the server's memory (null: no cache). */
  cache_hit: number | null;
  /** The server's GC pauses during the run (and the 2 s before it). */
  gc: Record<string, GcTally>;
  /** The server's JS heap in use after the run. */
  heap_mb: number | null;
  /** The server's event-loop delay during the run (ms). */
  loop_delay: { p99: number; max: number } | null;
}

interface GcTally {
  n: number;
  ms: number;
  max: number;
}

interface ServerCounters {
  /** The visitor cache's counters, or null without a cache. */
  cache: { hits: number; misses: number; bypassed: number; lean: number; entries: number; mode: string } | null;
  /** Garbage-collection pauses by kind (minor, major, incremental, weak); `max` since the previous read. */
  gc: Record<string, GcTally>;
  heapMb?: number;
  rssMb?: number;
  /** The server's event-loop delay since the previous read (ms): how long its main thread was held. */
  loopDelay?: { p99: number; max: number };
}

/** The server's visitor-cache counters and GC pauses (a TAILOR_BENCH-only route). */
async function serverCounters(baseUrl: string): Promise<ServerCounters> {
  try {
    const res = await fetch(`${baseUrl}/ofrep/v1/bench-bare/cache`);
    if (!res.ok) return { cache: null, gc: {} };
    const { gc, heapMb, rssMb, loopDelay, ...cache } = (await res.json()) as Omit<ServerCounters, "cache"> & { hits?: number; misses: number; bypassed: number; lean?: number; entries: number; mode?: string };
    const c = cache.hits === undefined ? null : { hits: cache.hits, misses: cache.misses, bypassed: cache.bypassed, lean: cache.lean ?? 0, entries: cache.entries, mode: cache.mode ?? "keep" };
    return { cache: c, gc: gc ?? {}, heapMb, rssMb, loopDelay };
  } catch {
    return { cache: null, gc: {} };
  }
}

/** GC pauses between two reads: per kind, how many, their total and the longest (ms). */
function gcBetween(before: ServerCounters, after: ServerCounters): Record<string, GcTally> {
  const out: Record<string, GcTally> = {};
  for (const [kind, t] of Object.entries(after.gc)) {
    const b = before.gc[kind] ?? { n: 0, ms: 0, max: 0 };
    if (t.n > b.n) out[kind] = { n: t.n - b.n, ms: round(t.ms - b.ms, 1), max: round(t.max, 1) };
  }
  return out;
}

const gcLine = (gc: Record<string, GcTally>) =>
  Object.entries(gc).map(([kind, t]) => `${kind} ${t.n}× ${t.ms} ms (max ${t.max})`).join(", ") || "none";

async function main() {
  const o = options();
  const base = process.env.DATABASE_URL;
  if (!base?.startsWith("postgres")) throw new Error("Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres");

  let server: RunningServer | null = null;
  let dataset: DecideDataset | null = null;
  let keyId: string | null = null;
  let admin: postgres.Sql | null = null;
  const cleanup = async () => {
    await server?.stop().catch(() => {});
    server = null;
    if (dataset && keyId) await dataset.handle.db.delete(apiKeys).where(eq(apiKeys.id, keyId)).catch(() => {});
    await admin?.end({ timeout: 5 }).catch(() => {});
    await dataset?.handle.close().catch(() => {});
  };
  const onSignal = () => {
    log("interrupted: stopping the server");
    void cleanup().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    const stale = staleBuild();
    if (stale && o.build) {
      log(`building .next (${stale})`);
      const t0 = performance.now();
      build(log);
      log(`built in ${round((performance.now() - t0) / 1000)} s`);
    } else if (stale) log(`warning: ${stale}; measuring the existing build (--no-build)`);

    dataset = await loadDecideDataset(base, o.profiles, { rebuild: o.rebuild, log });
    const d = dataset;
    const ageDays = (Date.now() - d.now.getTime()) / 86_400_000;
    log(`dataset ${d.name}: ${d.profiles} profiles, ${d.events} events (${d.reused ? `reused, built in ${d.buildSeconds} s, ${ageDays.toFixed(1)} days old` : `built in ${d.buildSeconds} s`})`);
    if (ageDays > 7) log("warning: the dataset is over a week old, so fewer visitors fall in recent-activity rules; --rebuild makes a fresh one");
    const scenario = await ensureScenario(d.handle, d.workspaceId, log);
    await warmCaches(d, log);
    // Each run starts without earlier runs' impressions, so frequency caps behave alike.
    await d.handle.db.execute(sql`truncate impressions, conversions`);
    const keys = await sampleKeys(d, o.keys);
    const key = await createApiKey(d.handle.db, { workspaceId: d.workspaceId, kind: "client", name: `bench ${new Date().toISOString()}` });
    keyId = key.id;
    log(`${scenario.segments} segments, ${scenario.experiences} live experiences on ${SLOT_KEYS.length} slots; ${keys.length} targeting keys`);

    server = await startBenchServer(d.url, log, { cpuProfileDir: o.cpuProfileDir, nodeArgs: o.nodeArgs });
    const serverPids = processTree(server.child.pid!);
    const bare = traffic("/ofrep/v1/bench-bare", keys, key.secret);
    const decisions = traffic("/ofrep/v1/evaluate/flags", keys, key.secret);

    const probe = await fetch(`${server.baseUrl}/ofrep/v1/evaluate/flags/home-hero`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key.secret}` }, body: JSON.stringify({ context: { targetingKey: keys[0] } }) });
    log(`probe decision: ${probe.status} ${(await probe.text()).slice(0, 300)}`);

    // Warm up both routes (JIT, caches, connection pool), then find the backends serving the run.
    // Decisions warm up longer: the visitor cache fills as visitors come back, and a server that
    // has been up for a minute holds most of the sampled visitors (hit rates are printed per run).
    await maxThroughput(server.baseUrl, bare, { connections: o.connections, seconds: o.warmup });
    await maxThroughput(server.baseUrl, decisions, { connections: o.connections, seconds: Math.max(o.warmup, o.cacheWarmup) });
    const warmed = (await serverCounters(server.baseUrl)).cache;
    if (warmed) log(`visitor cache after the warm-up: ${warmed.entries} visitors kept, ${Math.round((warmed.hits / Math.max(1, warmed.hits + warmed.misses + warmed.bypassed + warmed.lean)) * 100)}% hits so far, mode ${warmed.mode} (${warmed.lean} lean loads)`);
    admin = postgres(d.url, { max: 1, onnotice: () => {} });
    const pgPids = (await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${d.name} and pid <> pg_backend_pid()`).map((r) => r.pid);

    const measure = async (name: string, run: () => Promise<LoadResult>): Promise<Measured> => {
      await new Promise((r) => setTimeout(r, 2000)); // let the previous run's queue drain
      const countersBefore = await serverCounters(server!.baseUrl);
      const cacheBefore = countersBefore.cache;
      const before = { server: cpuMs(serverPids), pg: cpuMs(pgPids), client: process.cpuUsage() };
      const result = await run();
      const client = process.cpuUsage(before.client);
      const countersAfter = await serverCounters(server!.baseUrl);
      const cacheAfter = countersAfter.cache;
      const looked = (c: ServerCounters["cache"]) => (c ? c.hits + c.misses + c.bypassed + c.lean : 0);
      const lookups = looked(cacheAfter) - looked(cacheBefore);
      const n = Math.max(1, result.requests + result.errors);
      const m: Measured = {
        ...result,
        load: loadAverage(),
        server_cpu_us: round(((cpuMs(serverPids) - before.server) * 1000) / n),
        pg_cpu_us: round(((cpuMs(pgPids) - before.pg) * 1000) / n),
        client_cpu_us: round((client.user + client.system) / n),
        cache_hit: cacheAfter && lookups > 0 ? round((cacheAfter.hits - (cacheBefore?.hits ?? 0)) / lookups, 3) : null,
        gc: gcBetween(countersBefore, countersAfter),
        heap_mb: countersAfter.heapMb ?? null,
        loop_delay: countersAfter.loopDelay ?? null,
      };
      log(`${name}: ${m.rps} req/s, p50 ${m.p50_ms} ms, p99 ${m.p99_ms} ms, ${m.errors} errors; CPU per request: server ${m.server_cpu_us} µs, PostgreSQL ${m.pg_cpu_us} µs, load generator ${m.client_cpu_us} µs; load average ${m.load.join(" ")}${m.cache_hit === null ? "" : `; visitor cache hits ${Math.round(m.cache_hit * 100)}%, mode ${cacheAfter?.mode}`}; server GC: ${gcLine(m.gc)}; heap ${m.heap_mb} MB; event-loop delay p99 ${m.loop_delay?.p99} ms, max ${m.loop_delay?.max} ms`);
      if (m.errors) log(`  failures: ${JSON.stringify(m.failures)}`);
      return m;
    };

    const loadStart = loadAverage();
    const bareRuns: Measured[] = [];
    const decideRuns: Measured[] = [];
    for (let r = 0; r < o.rounds; r++) {
      bareRuns.push(await measure(`round ${r + 1} bare max`, () => maxThroughput(server!.baseUrl, bare, { connections: o.connections, seconds: o.seconds })));
      decideRuns.push(await measure(`round ${r + 1} decide max`, () => maxThroughput(server!.baseUrl, decisions, { connections: o.connections, seconds: o.seconds })));
    }
    // Medians over the rounds; the ratio pairs each decision run with the bare run just before it,
    // so a change in the machine's load between rounds affects both sides alike.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
    const medianRun = (runs: Measured[]) => runs.find((m) => m.rps === median(runs.map((x) => x.rps)))!;
    const bareMax = medianRun(bareRuns);
    const decideMax = medianRun(decideRuns);
    const ratios = decideRuns.map((m, i) => m.rps / Math.max(1, bareRuns[i].rps));
    const rate = Math.max(1, Math.round(bareMax.rps / 2));
    const stalls: Record<string, string> = {};
    const paced = (name: string, t: Traffic) => async () => {
      if (o.promotedDir) await fetch(`${server!.baseUrl}/ofrep/v1/bench-bare/cache?promoted=start`);
      const r = await fixedRate(server!.baseUrl, t, { rate, seconds: o.rateSeconds });
      if (o.promotedDir) {
        const file = path.join(o.promotedDir, `${name}.heapprofile`);
        fs.mkdirSync(o.promotedDir, { recursive: true });
        fs.writeFileSync(file, await (await fetch(`${server!.baseUrl}/ofrep/v1/bench-bare/cache?promoted=stop`)).text());
        log(`allocations that survived scavenges during the ${name} run: ${file} (npx tsx bench/decide/promoted.ts ${file})`);
      }
      stalls[name] = `${r.slow} answers over 50 ms, within ${r.slowSeconds} of the ${o.rateSeconds} seconds${r.slowSeconds ? ` (second: answers ${JSON.stringify(r.slowBySecond)})` : ""}; requests left the load generator up to ${r.sendLagMax} ms late (p99 ${r.sendLagP99} ms)`;
      return r;
    };
    const decideFixed = await measure(`decide at ${rate}/s`, paced("decide", decisions));
    const bareFixed = await measure(`bare at ${rate}/s`, paced("bare", bare));
    const loadEnd = loadAverage();
    await server.stop();
    server = null;
    const [{ n: impressions }] = await queryRows<{ n: number }>(d.handle.db, sql`select count(*)::int as n from impressions`);

    const ratio = median(ratios);
    const row = (name: string, m: Measured) =>
      `${name.padEnd(22)} ${String(m.rps).padStart(7)} ${String(m.p50_ms).padStart(8)} ${String(m.p99_ms).padStart(8)} ${String(m.errors).padStart(7)} ${String(m.server_cpu_us).padStart(9)} ${String(m.pg_cpu_us).padStart(7)} ${String(m.client_cpu_us).padStart(8)}   ${m.load.join(" ")}`;
    console.log("");
    console.log(`${"run".padEnd(22)} ${"req/s".padStart(7)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"errors".padStart(7)} ${"server µs".padStart(9)} ${"pg µs".padStart(7)} ${"load µs".padStart(8)}   load average after`);
    bareRuns.forEach((m, i) => console.log(row(`bare max #${i + 1}`, m)));
    decideRuns.forEach((m, i) => console.log(row(`decide max #${i + 1}`, m)));
    console.log(row(`decide @ ${rate}/s`, decideFixed));
    console.log(row(`bare @ ${rate}/s`, bareFixed));
    console.log(`at ${rate}/s: decide ${stalls.decide}; bare ${stalls.bare}`);
    console.log(`decisions: ${JSON.stringify(decideMax.reasons)}; impressions written ${impressions}`);
    console.log(`dataset: ${d.profiles} profiles, ${d.events} events, ${scenario.experiences} live experiences, ${scenario.segments} segments (${d.reused ? "reused" : "built"}; build ${d.buildSeconds} s)`);
    console.log(`machine: ${os.cpus().length} CPUs, load average ${loadStart.join(" ")} at start, ${loadEnd.join(" ")} at end (other processes share the CPUs; µs columns are CPU time per request)`);
    console.log(`targets: bare_ratio ${round(ratio, 3)} (≥ 0.8 ${ratio >= 0.8 ? "met" : "NOT met"}), p99 ${decideFixed.p99_ms} ms at ${rate}/s (≤ 10 ms ${decideFixed.p99_ms <= 10 ? "met" : "NOT met"})`);
    console.log(JSON.stringify({
      rps: decideMax.rps, p99_ms: decideFixed.p99_ms, bare_rps: bareMax.rps, bare_ratio: round(ratio, 3),
      p50_ms: decideFixed.p50_ms, max_ms: decideFixed.max_ms, rate, bare_p99_ms: bareFixed.p99_ms, max_p99_ms: decideMax.p99_ms,
      errors: decideRuns.reduce((s, m) => s + m.errors, 0) + decideFixed.errors,
      server_cpu_us: decideMax.server_cpu_us, bare_server_cpu_us: bareMax.server_cpu_us, pg_cpu_us: decideMax.pg_cpu_us,
      cache_hit_runs: decideRuns.map((m) => m.cache_hit), cache_hit_fixed: decideFixed.cache_hit,
      gc_fixed: decideFixed.gc, bare_gc_fixed: bareFixed.gc, node_args: [...serverNodeFlags(), ...(o.nodeArgs ?? [])],
      rps_runs: decideRuns.map((m) => m.rps), bare_rps_runs: bareRuns.map((m) => m.rps), bare_ratio_runs: ratios.map((r) => round(r, 3)),
      reasons: decideMax.reasons, connections: o.connections, seconds: o.seconds, profiles: d.profiles, events: d.events,
      experiences: scenario.experiences, dataset_build_s: d.buildSeconds, dataset_reused: d.reused,
      load_average_start: loadStart, load_average_end: loadEnd,
    }));
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
