/**
 * The decision benchmark's dataset: N demo profiles with hundreds of events each (the demo
 * generator over a long history: ~270 events per profile on average, a long tail of heavy
 * users), in its own PostgreSQL database `tailor_bench_decide_<N>` on the server in DATABASE_URL.
 * Built once and reused: a marker row records that loading finished, so an interrupted build is
 * started over instead of measured. The load takes the fastest path — COPY through the seed
 * writer into `events` with its indexes dropped, then the indexes rebuilt exactly as the
 * migrations define them (read back from the catalog before dropping them).
 *
 * The history ends at the time of the build (not a fixed date): decisions are taken at the real
 * current time, so "last N days" rules see the recent history. The dataset's age is reported;
 * `--rebuild` starts over.
 */
import os from "node:os";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type DbHandle } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { workspaces } from "@/db/schema";

/** ~270 events per profile with the demo generator (measured: 274 at 1,500 days). */
const DAYS = 1500;
const SEED = 42;
const VERSION = 1;

export interface DecideDataset {
  handle: DbHandle;
  url: string;
  name: string;
  workspaceId: string;
  profiles: number;
  events: number;
  /** The end of the generated history. */
  now: Date;
  /** Seconds the build took (this run or when it was built). */
  buildSeconds: number;
  reused: boolean;
}

interface Marker {
  version: number;
  workspaceId: string;
  profiles: number;
  events: number;
  days: number;
  seed: number;
  now: string;
  buildSeconds: number;
  stages: Record<string, number>;
}

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function ensureDatabase(base: string, name: string): Promise<void> {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function readMarker(handle: DbHandle, profiles: number): Promise<Marker | null> {
  const [row] = await queryRows<{ value: Marker }>(handle.db, sql`select value from bench_dataset where key = 'decide'`);
  const v = row?.value;
  return v && v.version === VERSION && v.profiles === profiles && v.days === DAYS && v.seed === SEED ? v : null;
}

/** Index and primary-key definitions of `events` other than its foreign keys, as the migrations made them. */
async function eventIndexes(ddl: postgres.Sql) {
  const constraints = await ddl<{ name: string; def: string }[]>`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = 'events'::regclass and contype in ('p', 'u')`;
  const indexes = await ddl<{ name: string; def: string }[]>`
    select i.relname as name, pg_get_indexdef(i.oid) as def
    from pg_index x join pg_class i on i.oid = x.indexrelid
    where x.indrelid = 'events'::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = i.oid)`;
  return { constraints, indexes };
}

async function build(handle: DbHandle, url: string, n: number, log: (line: string) => void): Promise<Marker> {
  const { db } = handle;
  const stages: Record<string, number> = {};
  const started = performance.now();
  let mark = started;
  const stage = (name: string) => {
    const t = performance.now();
    stages[name] = Math.round((t - mark) / 100) / 10;
    mark = t;
    log(`  ${name}: ${stages[name]} s (load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")})`);
  };
  await db.execute(sql`delete from bench_dataset where key = 'decide'`);
  // Start from nothing: a previous, interrupted build may have left rows behind.
  await db.execute(sql`truncate impressions, conversions, segment_members, segment_membership_changes, event_rollups, events, identities, profiles, workspaces cascade`);
  const [ws] = await db.insert(workspaces).values({ slug: "bench-decide", name: "Decision bench" }).returning();
  const now = new Date();

  // One dedicated session for DDL, so its settings hold for every statement.
  const ddl = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const { constraints, indexes } = await eventIndexes(ddl);
    for (const c of constraints) await ddl.unsafe(`alter table events drop constraint if exists "${c.name}"`);
    for (const i of indexes) await ddl.unsafe(`drop index if exists "${i.name}"`);
    log(`  dropped ${constraints.length + indexes.length} index(es) of events for the load`);

    let last = 0;
    const seeded = await seedDemoData(handle, {
      workspaceId: ws.id,
      profiles: n,
      days: DAYS,
      seed: SEED,
      now,
      chunkSize: 500,
      onProgress: (p) => {
        if (p.phase === "load" && p.done - last < n / 20 && p.done < p.total) return;
        last = p.done;
        log(`  seed ${p.phase} ${p.done}/${p.total} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      },
    });
    stage(`COPY ${seeded.profiles} profiles, ${seeded.events} events`);

    await ddl.unsafe("set maintenance_work_mem = '1GB'");
    for (const c of constraints) await ddl.unsafe(`alter table events add constraint "${c.name}" ${c.def}`);
    for (const i of indexes) await ddl.unsafe(i.def);
    stage(`rebuild ${constraints.length + indexes.length} index(es) of events`);
    // VACUUM sets the visibility map (index-only scans); ANALYZE gives the planner real sizes.
    await ddl.unsafe("vacuum analyze events, profiles, identities");
    stage("vacuum analyze");

    const marker: Marker = {
      version: VERSION, workspaceId: ws.id, profiles: seeded.profiles, events: seeded.events, days: DAYS, seed: SEED,
      now: now.toISOString(), buildSeconds: Math.round((performance.now() - started) / 1000), stages,
    };
    await db.execute(sql`insert into bench_dataset (key, value) values ('decide', ${JSON.stringify(marker)}::jsonb)`);
    return marker;
  } finally {
    await ddl.end({ timeout: 5 });
  }
}

/** Opens (building when needed) the dataset of `n` profiles. */
export async function loadDecideDataset(base: string, n: number, options: { rebuild: boolean; log: (line: string) => void }): Promise<DecideDataset> {
  const name = `tailor_bench_decide_${n}`;
  await ensureDatabase(base, name);
  const url = databaseUrl(base, name);
  const handle = await openDatabase({ url, max: 4 });
  await handle.db.execute(sql`create table if not exists bench_dataset (key text primary key, value jsonb not null)`);
  let marker = options.rebuild ? null : await readMarker(handle, n);
  const reused = marker !== null;
  if (!marker) {
    options.log(`building the dataset of ${n} profiles in database ${name}; this is done once (minutes)`);
    marker = await build(handle, url, n, options.log);
    options.log(`dataset built in ${marker.buildSeconds} s`);
  }
  return {
    handle, url, name, workspaceId: marker.workspaceId, profiles: marker.profiles, events: marker.events,
    now: new Date(marker.now), buildSeconds: marker.buildSeconds, reused,
  };
}
