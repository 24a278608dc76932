/**
 * Diagnostic (not a benchmark with targets): what the visitor cache holds per visitor on the
 * `bench:decide` dataset — events kept, bytes of heap as loaded, trimmed and serialized — because a large heap makes every garbage
 * collection of the decision server slower (see docs/personalization.md, Speed). Loads `--n`
 * sampled visitors the way a cache miss does (every live experience's reads), then measures the
 * heap they retain. Run: `node --expose-gc --import tsx --conditions=react-server bench/decide/memory.ts`.
 */
import v8 from "node:v8";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { loadVisitor, visitorReads, type Visitor } from "@/lib/personalization/load-visitor";
import { keptEventProperties, trimEvents } from "@/lib/personalization/visitor-cache";
import { loadWorkspaceConfig } from "@/lib/personalization/workspace-config";

const n = Number(process.argv[process.argv.indexOf("--n") + 1]) || 2000;
const url = new URL(process.env.DATABASE_URL!);
url.pathname = "/tailor_bench_decide_100000";
process.env.DATABASE_URL = url.toString();
const db = await getDb();
const [{ id: ws }] = await queryRows<{ id: string }>(db, sql`select id from workspaces limit 1`);
const keys = (await queryRows<{ value: string }>(db, sql`select value from identities tablesample system (10) where workspace_id = ${ws}::uuid order by random() limit ${n}`)).map((r) => r.value);
const config = await loadWorkspaceConfig(db, ws);
const all = [...config.slots.values()].flatMap((s) => s.experiences);
const gc = (globalThis as unknown as { gc: () => void }).gc;
const now = new Date();
gc();
const before = process.memoryUsage().heapUsed;
const kept: Visitor[] = [];
for (let i = 0; i < keys.length; i += 20) {
  kept.push(...(await Promise.all(keys.slice(i, i + 20).map((k) => loadVisitor(db, { ...visitorReads(ws, k, now, all), eventsUntil: new Date(now.getTime() + 300_000) })))));
}
gc();
const bytes = process.memoryUsage().heapUsed - before;
const events = kept.map((v) => v.events.length).sort((a, b) => a - b);
const byName = new Map<string, number>();
for (const v of kept) for (const e of v.events) byName.set(e.event, (byName.get(e.event) ?? 0) + 1);
const propertyBytes = kept.reduce((s, v) => s + v.events.reduce((t, e) => t + JSON.stringify(e.properties).length, 0), 0);
console.log(`${kept.length} visitors: ${Math.round(bytes / kept.length)} heap bytes each; events each: median ${events[events.length >> 1]}, p90 ${events[Math.floor(events.length * 0.9)]}, max ${events[events.length - 1]}, mean ${(events.reduce((a, b) => a + b, 0) / kept.length).toFixed(1)}`);
console.log(`event properties as JSON: ${Math.round(propertyBytes / kept.length)} bytes per visitor`);
console.log(`events kept by name: ${JSON.stringify(Object.fromEntries([...byName].sort((a, b) => b[1] - a[1])))}`);
// What trimming events to the properties the rules read saves (what the visitor cache keeps).
const keep = keptEventProperties(config);
console.log(`kept properties: ${keep ? `${JSON.stringify(Object.fromEntries(keep.keys))}, all of the newest ${JSON.stringify([...keep.latest])}` : "all (a template reads events by other means)"}`);
if (keep) for (const v of kept) trimEvents(v.events, keep, now.getTime());
gc();
const trimmed = process.memoryUsage().heapUsed - before;
console.log(`trimmed: ${Math.round(trimmed / kept.length)} heap bytes each`);
// What the cache keeps in fact: each visitor v8-serialized into one buffer outside the JS heap.
const packed = kept.map((v) => v8.serialize(v));
const t0 = performance.now();
for (const b of packed) v8.deserialize(b);
console.log(`serialized: ${Math.round(packed.reduce((sum, b) => sum + b.length, 0) / packed.length)} bytes each off the heap; deserializing one (a hit) takes ${(((performance.now() - t0) * 1000) / packed.length).toFixed(1)} µs`);
// What the events alone take: drop them and measure again.
for (const v of kept) v.events = [];
gc();
const withoutEvents = process.memoryUsage().heapUsed - before;
console.log(`without their events: ${Math.round(withoutEvents / kept.length)} heap bytes each (events: ${Math.round((bytes - withoutEvents) / kept.length)})`);
process.exit(0);
