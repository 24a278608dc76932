import { constants as perfConstants, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from "node:perf_hooks";

/**
 * The decision benchmark's baseline (`npm run bench:decide`): a route handler that does only what
 * every framework request costs — route match, read and parse the same OFREP body — and answers
 * constant JSON. It exists only when the server was started with `TAILOR_BENCH=1`; otherwise it is
 * a plain 404, so production servers expose nothing.
 */
const CONSTANT = JSON.stringify({ key: "bench", value: {}, reason: "DEFAULT", variant: "default", metadata: {} });
const HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" };

// POST /ofrep/v1/bench-bare/{key} — benchmark baseline: parse the body, answer constant JSON (only with TAILOR_BENCH=1)
export const POST = async (request: Request, context: { params: Promise<{ key: string }> }) => {
  if (process.env.TAILOR_BENCH !== "1") return new Response("Not found", { status: 404 });
  await context.params;
  let body: { context?: { targetingKey?: unknown } };
  try {
    body = JSON.parse(await request.text());
  } catch {
    return new Response(JSON.stringify({ errorCode: "PARSE_ERROR" }), { status: 400, headers: HEADERS });
  }
  if (typeof body?.context?.targetingKey !== "string") return new Response(JSON.stringify({ errorCode: "TARGETING_KEY_MISSING" }), { status: 400, headers: HEADERS });
  return new Response(CONSTANT, { status: 200, headers: HEADERS });
};

interface GcTally {
  n: number;
  ms: number;
  /** The longest pause since the previous read. */
  max: number;
}

const loop = globalThis as unknown as { __tailorBenchLoop?: IntervalHistogram };

/** The server's garbage-collection pauses by kind, counted from the first read on (process-wide). */
function gcTallies(): Record<string, GcTally> {
  const g = globalThis as unknown as { __tailorBenchGc?: Record<string, GcTally> };
  if (g.__tailorBenchGc) return g.__tailorBenchGc;
  const tallies: Record<string, GcTally> = {};
  g.__tailorBenchGc = tallies;
  loop.__tailorBenchLoop = monitorEventLoopDelay({ resolution: 5 });
  loop.__tailorBenchLoop.enable();
  const c = perfConstants;
  const names: Record<number, string> = { [c.NODE_PERFORMANCE_GC_MINOR]: "minor", [c.NODE_PERFORMANCE_GC_MAJOR]: "major", [c.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental", [c.NODE_PERFORMANCE_GC_WEAKCB]: "weak" };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = names[(entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? "other";
      const t = (tallies[kind] ??= { n: 0, ms: 0, max: 0 });
      t.n++;
      t.ms += entry.duration;
      t.max = Math.max(t.max, entry.duration);
    }
  }).observe({ entryTypes: ["gc"] });
  return tallies;
}

const sampler = globalThis as unknown as { __tailorBenchSampler?: import("node:inspector/promises").Session };

/**
 * Sampling of the allocations that survive scavenges (`?promoted=start`, then `?promoted=stop`
 * answers the V8 sampling heap profile): objects collected young are left out, objects promoted to
 * the old generation are kept even when a later mark-compact frees them. It shows which code makes
 * the old generation grow and so the collections that stall the server (docs/personalization.md, Speed).
 */
async function promotedSampling(what: string): Promise<Response> {
  const { Session } = await import("node:inspector/promises");
  if (what === "start") {
    sampler.__tailorBenchSampler?.disconnect();
    const session = new Session();
    session.connect();
    await session.post("HeapProfiler.startSampling", { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false });
    sampler.__tailorBenchSampler = session;
    return new Response(JSON.stringify({ sampling: true }), { status: 200, headers: HEADERS });
  }
  const session = sampler.__tailorBenchSampler;
  if (!session) return new Response(JSON.stringify({ error: "not sampling: GET ?promoted=start first" }), { status: 409, headers: HEADERS });
  const { profile } = await session.post("HeapProfiler.stopSampling");
  session.disconnect();
  sampler.__tailorBenchSampler = undefined;
  return new Response(JSON.stringify(profile), { status: 200, headers: HEADERS });
}

// GET /ofrep/v1/bench-bare/cache — benchmark only: the visitor cache's counters and the GC pauses so far (only with TAILOR_BENCH=1)
export const GET = async (request: Request) => {
  if (process.env.TAILOR_BENCH !== "1") return new Response("Not found", { status: 404 });
  const promoted = new URL(request.url).searchParams.get("promoted");
  if (promoted) return promotedSampling(promoted);
  const { getDecisionDbs } = await import("@/db/client");
  const { visitorCacheStats } = await import("@/lib/personalization/visitor-cache");
  const tallies = gcTallies();
  const gc = JSON.parse(JSON.stringify(tallies)) as Record<string, GcTally>;
  for (const t of Object.values(tallies)) t.max = 0;
  const { heapUsed, rss } = process.memoryUsage();
  // The event loop's longest delay since the previous read: the main thread was busy (or paused) that long.
  const h = loop.__tailorBenchLoop!;
  const loopDelay = { p99: Math.round(h.percentile(99) / 1e4) / 100, max: Math.round(h.max / 1e4) / 100 };
  h.reset();
  return new Response(JSON.stringify({ ...visitorCacheStats((await getDecisionDbs()).db), gc, loopDelay, heapMb: Math.round(heapUsed / 2 ** 20), rssMb: Math.round(rss / 2 ** 20) }), { status: 200, headers: HEADERS });
};
