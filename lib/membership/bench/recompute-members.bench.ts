/**
 * How long real-time membership takes on a demo-sized workspace (PostgreSQL from DATABASE_URL):
 * recomputeMembers for batches of touched profiles (then the same batches again, read in full and
 * through the facts cache), reconcile on save, and one timer run.
 *
 *   DATABASE_URL=postgres://… npx tsx --conditions=react-server lib/membership/bench/recompute-members.bench.ts [profiles] [batches]
 *
 * Not a test: prints a table and a final JSON line; never gates CI.
 */
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit";
import { createDemoSegments } from "@/lib/segments/demo-segments";
import { createTestDb } from "@/lib/testing/db";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import { recomputeMembers } from "../recompute-members";
import { reconcileTimeWindows } from "../reconcile-time-windows";

const PROFILES = Number(process.argv[2] ?? 20_000);
const BATCHES = Number(process.argv[3] ?? 60);
const BATCH_SIZE = 100;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  const t = await createTestDb(process.env.DATABASE_URL ? "postgres" : "pglite");
  try {
    const ws = (await createWorkspace(t.db, { name: "Bench membership" })).id;
    const seeded = await seedDemoData(t, { workspaceId: ws, profiles: PROFILES });
    let started = performance.now();
    await createDemoSegments(t.db, ws, SYSTEM_ACTOR); // each save reconciles the segment in SQL
    const saveMs = performance.now() - started;
    const ids = (await queryRows<{ id: string }>(t.db, sql`select id::text from profiles where workspace_id = ${ws}::uuid order by random()`)).map((r) => r.id);
    const [{ n: members }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from segment_members where workspace_id = ${ws}::uuid`);

    const times: number[] = [];
    let changes = 0;
    for (let b = 0; b < BATCHES; b++) {
      const batch = ids.slice((b * BATCH_SIZE) % ids.length, ((b * BATCH_SIZE) % ids.length) + BATCH_SIZE);
      started = performance.now();
      const r = await recomputeMembers(t.db, { workspaceId: ws, profileIds: batch });
      times.push(performance.now() - started);
      changes += r.enters.length + r.exits.length;
    }
    const measured = times.slice(5); // the first batches warm caches and plans

    // Returning profiles: the same batches again, read in full (no facts cache) and through the
    // facts cache filled above, alternating so both see the same machine.
    const again = { full: [] as number[], cached: [] as number[] };
    for (let b = 5; b < BATCHES; b++) {
      const batch = ids.slice((b * BATCH_SIZE) % ids.length, ((b * BATCH_SIZE) % ids.length) + BATCH_SIZE);
      for (const mode of b % 2 ? (["full", "cached"] as const) : (["cached", "full"] as const)) {
        started = performance.now();
        await recomputeMembers(t.db, { workspaceId: ws, profileIds: batch, ...(mode === "full" ? { cache: null } : {}) });
        again[mode].push(performance.now() - started);
      }
    }
    started = performance.now();
    const timer = await reconcileTimeWindows(t.db, { workspaceId: ws });
    const timerMs = performance.now() - started;

    const result = {
      engine: t.engine, profiles: seeded.profiles, events: seeded.events, segments: 8, members, batchSize: BATCH_SIZE, batches: measured.length,
      recomputeP50Ms: Math.round(pct(measured, 50)), recomputeP95Ms: Math.round(pct(measured, 95)), recomputeMaxMs: Math.round(Math.max(...measured)),
      changesDuringRecompute: changes,
      againFullP50Ms: Math.round(pct(again.full, 50)), againCachedP50Ms: Math.round(pct(again.cached, 50)), createDemoSegmentsMs: Math.round(saveMs), timerRunMs: Math.round(timerMs), timerSegments: timer.length,
    };
    console.table(Object.entries(result).map(([k, v]) => ({ measure: k, value: v })));
    console.log(JSON.stringify(result));
  } finally {
    await t.close();
  }
}

void main();
