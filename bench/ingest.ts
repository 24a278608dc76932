/**
 * `npm run bench:ingest -- [--clients 6] [--batch 100] [--duration 20] [--warmup 5]
 *   [--fresh-rate 5000] [--fresh-duration 15] [--profiles 5000] [--no-build] [--keep] [--cpu-prof DIR]`
 *
 * Ingestion throughput and freshness through the real HTTP endpoint of a production server.
 * Needs DATABASE_URL (a PostgreSQL server): it creates a fresh database `tailor_bench_ingest`
 * there, seeds a base population with the demo segments and a probe segment, builds if needed
 * and starts `next start` on a free loopback port, then measures
 *   1. throughput: closed-loop clients POSTing /api/v1/batch (realistic page/track/identify mix);
 *   2. freshness: probe tracks every 200 ms under a fixed background rate, until the probe
 *      user shows up in `segment_members`;
 *   3. a bare COPY of the same stored rows into a scratch copy of `events` (copy_ratio).
 * Prints a table and, as the last line, one JSON object. Benchmarks are not tests.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { copyBaseline, type CopyStats } from "./ingest/copy-baseline";
import { cpuPerEvent, cpuSnapshot, type CpuPerEvent, type CpuSnapshot } from "./ingest/cpu";
import { measureFreshness, type FreshnessStats } from "./ingest/freshness";
import { closedLoop, openLoop, percentile, type LoadStats } from "./ingest/load";
import { createTraffic } from "./ingest/messages";
import { build, buildIsStale, startServer, type RunningServer } from "./ingest/server";
import { setupBenchDatabase, type BenchDatabase } from "./ingest/setup";

const log = (line: string) => process.stderr.write(`[bench:ingest] ${line}\n`);
const round = (x: number, digits = 0) => Number(x.toFixed(digits));
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(" ");

function options() {
  const { values } = parseArgs({
    options: {
      clients: { type: "string", default: "6" },
      batch: { type: "string", default: "100" },
      duration: { type: "string", default: "20" },
      warmup: { type: "string", default: "5" },
      "fresh-rate": { type: "string", default: "5000" },
      "fresh-duration": { type: "string", default: "15" },
      profiles: { type: "string", default: "5000" },
      "db-name": { type: "string", default: "tailor_bench_ingest" },
      "no-build": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      "cpu-prof": { type: "string" },
    },
  });
  const int = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive whole number`);
    return n;
  };
  if (!/^[a-z_][a-z0-9_]*$/.test(values["db-name"]!)) throw new Error("--db-name: lower-case letters, digits and _ only");
  return {
    clients: int("clients"),
    batch: int("batch"),
    duration: int("duration"),
    warmup: int("warmup"),
    freshRate: int("fresh-rate"),
    freshDuration: int("fresh-duration"),
    profiles: int("profiles"),
    dbName: values["db-name"]!,
    build: !values["no-build"],
    keep: values.keep!,
    /** Where the server writes a V8 CPU profile (`--cpu-prof`) when it stops. */
    cpuProfileDir: values["cpu-prof"],
  };
}

function table(rows: [string, string][]) {
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

async function main() {
  const o = options();
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl?.startsWith("postgres")) throw new Error("Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres");

  let bench: BenchDatabase | null = null;
  let server: RunningServer | null = null;
  let probeDb: postgres.Sql | null = null;
  const cleanup = async () => {
    await server?.stop().catch(() => {});
    await probeDb?.end({ timeout: 5 }).catch(() => {});
    if (bench && !o.keep) await bench.drop().catch((e) => log(`could not drop ${o.dbName}: ${e}`));
    else if (bench) await bench.handle.close().catch(() => {});
  };
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    log("interrupted: stopping the server and dropping the database");
    void cleanup().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    if (o.build && buildIsStale()) build(log);
    bench = await setupBenchDatabase(adminUrl, { name: o.dbName, profiles: o.profiles, log });
    server = await startServer(bench.url, log, { nodeArgs: o.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${o.cpuProfileDir}`] : [] });
    const target = { baseUrl: server.baseUrl, writeKey: bench.writeKey };
    probeDb = postgres(bench.url, { max: 2, onnotice: () => {} });
    const [{ n: eventsBefore }] = await probeDb<{ n: number }[]>`select count(*)::int as n from events`;

    // 1. Throughput.
    const loadBefore = load();
    log(`throughput: ${o.clients} clients × batches of ${o.batch}, ${o.warmup} s warm-up + ${o.duration} s (load avg ${loadBefore})`);
    const traffic = Array.from({ length: o.clients }, (_, i) => createTraffic(bench!.population, 1000 + i));
    // CPU per process group over the measured window (not the warm-up).
    const serverPid = server.child.pid!;
    const snaps: (CpuSnapshot | null)[] = [];
    const cpuTimers = [o.warmup, o.warmup + o.duration].map((s) => setTimeout(() => snaps.push(cpuSnapshot(serverPid)), s * 1000));
    const thr: LoadStats = await closedLoop(target, {
      clients: o.clients,
      batchSize: o.batch,
      warmupMs: o.warmup * 1000,
      durationMs: o.duration * 1000,
      makeBody: (i) => traffic[i].batch(o.batch),
    });
    const loadAfterThroughput = load();
    if (thr.errors) log(`throughput errors: ${thr.errors}, first: ${thr.firstError}`);
    const eventsPerSecond = thr.events / thr.seconds;
    cpuTimers.forEach(clearTimeout);
    const cpu: CpuPerEvent | null = snaps.length === 2 && snaps[0] && snaps[1] ? cpuPerEvent(snaps[0], snaps[1], thr.events) : null;
    log(`throughput: ${round(eventsPerSecond)} events/s`);
    // Let background membership work drain before the freshness run.
    await new Promise((r) => setTimeout(r, 3000));

    // 2. Freshness under a fixed background rate.
    log(`freshness: probes every 200 ms for ${o.freshDuration} s under ${o.freshRate} events/s`);
    const background = createTraffic(bench.population, 7);
    const bg = openLoop(target, { batchesPerSecond: o.freshRate / o.batch, batchSize: o.batch, maxInFlight: 32, makeBody: () => background.batch(o.batch) });
    let fresh: FreshnessStats;
    let bgStats: LoadStats;
    try {
      await new Promise((r) => setTimeout(r, 2000)); // reach the steady state first
      fresh = await measureFreshness(target, probeDb, {
        workspaceId: bench.workspaceId,
        segmentId: bench.probeSegmentId,
        durationMs: o.freshDuration * 1000,
        intervalMs: 200,
        timeoutMs: 30_000,
        run: String(Date.now()),
      });
    } finally {
      bgStats = await bg.stop();
    }
    const loadAfterFreshness = load();
    if (bgStats.errors) log(`background errors: ${bgStats.errors}, first: ${bgStats.firstError}`);

    const [{ n: eventsAfter }] = await probeDb<{ n: number }[]>`select count(*)::int as n from events`;
    await server.stop();
    server = null;

    // 3. COPY baseline of the same number of stored rows.
    const copy: CopyStats = await copyBaseline(probeDb, { url: bench.url, workspaceId: bench.workspaceId, limit: Math.max(thr.events, 10_000) });
    const copyRatio = eventsPerSecond / copy.eventsPerSecond;

    console.log("");
    table([
      ["throughput", `${round(eventsPerSecond)} events/s (${thr.batches} batches of ${o.batch} in ${o.duration} s, ${o.clients} clients, ${thr.errors} errors)`],
      ["batch latency", `p50 ${round(percentile(thr.latenciesMs, 50))} ms, p95 ${round(percentile(thr.latenciesMs, 95))} ms, p99 ${round(percentile(thr.latenciesMs, 99))} ms`],
      ["background rate", `${round(bgStats.events / bgStats.seconds)} events/s achieved of ${o.freshRate} (${bgStats.errors} errors; batch p95 ${round(percentile(bgStats.latenciesMs, 95))} ms)`],
      ["freshness (accepted→member)", `p50 ${round(percentile(fresh.fromAcceptMs, 50))} ms, p95 ${round(percentile(fresh.fromAcceptMs, 95))} ms, max ${round(Math.max(...fresh.fromAcceptMs))} ms (${fresh.probes} probes, ${fresh.missed} missed)`],
      ["freshness (sent→member)", `p50 ${round(percentile(fresh.fromSendMs, 50))} ms, p95 ${round(percentile(fresh.fromSendMs, 95))} ms`],
      ["COPY baseline", `${round(copy.eventsPerSecond)} events/s (${copy.rows} rows, ${round(copy.bytes / 1e6, 1)} MB in ${round(copy.seconds, 2)} s)`],
      ["copy_ratio", `${round(copyRatio, 3)}`],
      ["floor (COPY + rollups + profiles)", `${round(copy.floorEventsPerSecond)} events/s on one connection (rollups ${round(copy.rollupSeconds, 2)} s, profiles ${round(copy.profileSeconds, 2)} s); PostgreSQL CPU ${copy.floorPostgresUsPerEvent === null ? "?" : round(copy.floorPostgresUsPerEvent)} µs per event`],
      ["CPU per event (throughput)", cpu ? `server ${round(cpu.serverUs)} µs, PostgreSQL ${round(cpu.postgresUs)} µs, load generator ${round(cpu.clientUs)} µs, other ${round(cpu.otherUs)} µs; machine ${round(cpu.idle * 100)}% idle` : "not measured (no /proc)"],
      ["events stored", `${eventsAfter - eventsBefore}`],
      ["load average", `start ${loadBefore} · after throughput ${loadAfterThroughput} · after freshness ${loadAfterFreshness} (${os.cpus().length} cores)`],
    ]);
    console.log(
      JSON.stringify({
        events_per_s: round(eventsPerSecond),
        freshness_p95_ms: round(percentile(fresh.fromAcceptMs, 95)),
        freshness_p50_ms: round(percentile(fresh.fromAcceptMs, 50)),
        freshness_missed: fresh.missed,
        background_events_per_s: round(bgStats.events / bgStats.seconds),
        copy_events_per_s: round(copy.eventsPerSecond),
        copy_ratio: round(copyRatio, 3),
        floor_events_per_s: round(copy.floorEventsPerSecond),
        floor_postgres_us_per_event: copy.floorPostgresUsPerEvent === null ? null : round(copy.floorPostgresUsPerEvent),
        cpu_us_per_event: cpu ? { server: round(cpu.serverUs), postgres: round(cpu.postgresUs), client: round(cpu.clientUs), other: round(cpu.otherUs), idle: round(cpu.idle, 2) } : null,
        clients: o.clients,
        batch_size: o.batch,
        duration_s: o.duration,
        errors: thr.errors + bgStats.errors,
        loadavg_start: Number(loadBefore.split(" ")[0]),
      }),
    );
  } finally {
    if (!interrupted) await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
