/**
 * The benchmark's dataset: N demo profiles with about ten events each, built once per N and
 * reused. PostgreSQL gets its own database `tailor_bench_<N>` on the server in DATABASE_URL;
 * PGlite gets its own data directory `.data/bench-<N>`. A marker row records that loading
 * finished, so an interrupted build is started over instead of measured.
 */
import path from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type DbHandle } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { workspaces } from "@/db/schema";
import { rebuildRollups } from "@/lib/segments/rollups";

/** History length that gives the demo generator ~10 events per profile (measured: 9.9). */
const DAYS = 38;
const SEED = 42;
/** Deliberately not a UTC midnight, so "last N days" windows have partial boundary days. */
export const DATASET_NOW = new Date("2026-01-15T13:37:42.123Z");

export interface Dataset {
  handle: DbHandle;
  workspaceId: string;
  profiles: number;
  events: number;
  now: Date;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

async function openFor(n: number): Promise<DbHandle> {
  const base = process.env.DATABASE_URL;
  if (!base) return openDatabase({ dataDir: path.join(process.cwd(), ".data", `bench-${n}`) });
  const name = `tailor_bench_${n}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return openDatabase({ url: url.toString(), max: 4 });
}

async function readMarker(handle: DbHandle): Promise<{ workspaceId: string; events: number } | null> {
  await handle.db.execute(sql`create table if not exists bench_dataset (key text primary key, value jsonb not null)`);
  const [row] = await queryRows<{ value: { workspaceId: string; events: number; days: number; seed: number; now: string } }>(
    handle.db,
    sql`select value from bench_dataset where key = 'segments'`,
  );
  const v = row?.value;
  return v && v.days === DAYS && v.seed === SEED && v.now === DATASET_NOW.toISOString() ? v : null;
}

async function build(handle: DbHandle, n: number): Promise<{ workspaceId: string; events: number }> {
  const { db } = handle;
  await db.execute(sql`delete from bench_dataset`);
  // Start from nothing: a previous, interrupted build may have left rows behind.
  await db.execute(sql`truncate event_rollups, events, identities, profiles, workspaces cascade`);
  const [ws] = await db.insert(workspaces).values({ slug: "bench", name: "Bench" }).returning();
  const started = Date.now();
  let last = 0;
  const result = await seedDemoData(handle, {
    workspaceId: ws.id,
    profiles: n,
    days: DAYS,
    seed: SEED,
    now: DATASET_NOW,
    chunkSize: 2000,
    onProgress: (p) => {
      if (p.phase === "load" && p.done - last < n / 20 && p.done < p.total) return;
      last = p.done;
      const s = (Date.now() - started) / 1000;
      log(`  seed ${p.phase} ${p.done}/${p.total} (${s.toFixed(0)} s)`);
    },
  });
  const value = { workspaceId: ws.id, events: result.events, days: DAYS, seed: SEED, now: DATASET_NOW.toISOString() };
  await db.execute(sql`insert into bench_dataset (key, value) values ('segments', ${JSON.stringify(value)}::jsonb)`);
  log(`  seeded ${result.profiles} profiles, ${result.events} events in ${(result.ms / 1000).toFixed(0)} s`);
  return value;
}

/** Opens (building when needed) the dataset of `n` profiles, with fresh rollups and statistics. */
export async function loadDataset(n: number, options: { rebuildRollups: boolean }): Promise<Dataset> {
  const handle = await openFor(n);
  let marker = await readMarker(handle);
  const fresh = !marker;
  if (!marker) {
    log(`building the dataset of ${n} profiles (${handle.engine}); this is done once per size`);
    marker = await build(handle, n);
  }
  if (fresh || options.rebuildRollups) {
    const t0 = Date.now();
    await rebuildRollups(handle.db, marker.workspaceId);
    log(`  rollups rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (fresh) {
    // VACUUM sets the visibility map (index-only scans); ANALYZE gives the planner real sizes.
    const t0 = Date.now();
    await handle.db.execute(sql`vacuum analyze profiles, events, event_rollups`);
    log(`  vacuum analyze in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { handle, workspaceId: marker.workspaceId, profiles: n, events: marker.events, now: DATASET_NOW };
}
