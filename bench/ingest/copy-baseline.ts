/**
 * The COPY baseline: the events the server stored during the throughput run, copied back out and
 * then written with a bare `COPY … FROM STDIN` (psql `\\copy`) into a scratch table shaped like `events`
 * (same columns, defaults and indexes), i.e. the cheapest way PostgreSQL can store those rows.
 *
 * Then the *floor*: the other writes the issue asks for per event, done the cheapest way — the
 * same rows' rollups upserted and their profiles updated, one set-based statement each per 1,000
 * events, into scratch copies of `event_rollups` and `profiles` holding the workspace's rows. No
 * identity resolution, no membership, no triggers, no HTTP: a lower bound of PostgreSQL's work.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Sql } from "postgres";
import { ROLLUP_DIMENSIONS } from "@/lib/segments/rollups";
import { cpuSnapshot } from "./cpu";

export interface CopyStats {
  rows: number;
  bytes: number;
  seconds: number;
  eventsPerSecond: number;
  /** Seconds for the rollup upserts and profile updates of the same rows (see above). */
  rollupSeconds: number;
  profileSeconds: number;
  /** rows / (COPY + rollups + profiles): PostgreSQL's least work per event, on one connection. */
  floorEventsPerSecond: number;
  /** CPU of all PostgreSQL processes during COPY, rollups and profiles, per row (null off Linux). */
  floorPostgresUsPerEvent: number | null;
}

const CHUNK = 1000;

/** Rollups and profile updates of the copied rows, chunk by chunk; returns the seconds of each. */
async function floorWrites(db: Sql, workspaceId: string): Promise<{ rollupSeconds: number; profileSeconds: number }> {
  await db`create table bench_rollups_copy (like event_rollups including defaults including indexes)`;
  await db`insert into bench_rollups_copy select * from event_rollups where workspace_id = ${workspaceId}::uuid`;
  await db`create table bench_profiles_copy (like profiles including defaults including indexes)`;
  await db`insert into bench_profiles_copy select * from profiles where workspace_id = ${workspaceId}::uuid`;
  await db`analyze bench_events_copy, bench_rollups_copy, bench_profiles_copy`;
  const ids = (await db<{ id: string }[]>`select id::text from bench_events_copy order by id`).map((r) => r.id);
  const dims = Object.entries(ROLLUP_DIMENSIONS).flatMap(([event, keys]) => keys.map((key) => [event, key]));
  const dimValues = dims.map((_, i) => `($${2 * i + 3}::text, $${2 * i + 4}::text)`).join(", ");
  const revenue = `case when jsonb_typeof(e.properties->'revenue') = 'number' then (e.properties->>'revenue')::float8 else 0 end`;
  const day = `date_trunc('day', e."timestamp", 'UTC')`;
  const rollups = `
    insert into bench_rollups_copy (workspace_id, profile_id, event, dim_key, dim_value, day, count, revenue)
    select workspace_id, profile_id, event, dim_key, dim_value, day, count(*)::int, sum(revenue) from (
      select e.workspace_id, e.profile_id, e.event, '' as dim_key, '' as dim_value, ${day} as day, ${revenue} as revenue
      from bench_events_copy e where e.id between $1 and $2
      union all
      select e.workspace_id, e.profile_id, e.event, d.key, lower(e.properties->>d.key), ${day}, ${revenue}
      from bench_events_copy e join (values ${dimValues}) as d(event, key) on d.event = e.event
      where e.id between $1 and $2 and jsonb_typeof(e.properties->d.key) = 'string') r
    group by 1, 2, 3, 4, 5, 6
    on conflict (workspace_id, profile_id, event, dim_key, dim_value, day)
    do update set count = bench_rollups_copy.count + excluded.count, revenue = bench_rollups_copy.revenue + excluded.revenue`;
  const profiles = `
    update bench_profiles_copy p set context = p.context || x.context, last_seen_at = greatest(p.last_seen_at, x.last_seen), updated_at = now()
    from (select profile_id, max("timestamp") as last_seen,
            jsonb_build_object('page_path', max(context->'page'->>'path'), 'locale', max(context->>'locale')) as context
          from bench_events_copy where id between $1 and $2 group by profile_id) x
    where p.workspace_id = $3::uuid and p.id = x.profile_id`;
  let rollupSeconds = 0;
  let profileSeconds = 0;
  // One transaction, so that no commit waits for the disk in between: only the writes are timed.
  await db.begin(async (tx) => {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const range = [ids[i], ids[Math.min(i + CHUNK, ids.length) - 1]];
      let t = performance.now();
      await tx.unsafe(rollups, [...range, ...dims.flat()]);
      rollupSeconds += (performance.now() - t) / 1000;
      t = performance.now();
      await tx.unsafe(profiles, [...range, workspaceId]);
      profileSeconds += (performance.now() - t) / 1000;
    }
  });
  return { rollupSeconds, profileSeconds };
}

export async function copyBaseline(db: Sql, options: { url: string; workspaceId: string; limit: number }): Promise<CopyStats> {
  await db`drop table if exists bench_events_copy`;
  await db`drop table if exists bench_rollups_copy`;
  await db`drop table if exists bench_profiles_copy`;
  await db`create table bench_events_copy (like events including defaults including indexes)`;
  try {
    const columns = `workspace_id, profile_id, message_id, type, event, properties, context, "timestamp", received_at`;
    // Text-format COPY of the real stored rows into a file, so that only the write is timed. Both
    // directions go through psql's \copy: postgres.js' COPY streams stalled here now and then.
    const file = path.join(os.tmpdir(), `tailor-bench-copy-${process.pid}.tsv`);
    const out = spawnSync("psql", [options.url, "-v", "ON_ERROR_STOP=1", "-qc",
      `\\copy (select ${columns} from events where workspace_id = '${options.workspaceId}' order by id desc limit ${Number(options.limit)}) to '${file}'`], { encoding: "utf8" });
    if (out.status !== 0) throw new Error(`psql \\copy out failed: ${out.stderr || out.error}`);
    const data = fs.readFileSync(file);
    const rows = data.reduce((n, byte) => (byte === 10 ? n + 1 : n), 0);

    // Written with psql's \copy (COPY … FROM STDIN over the wire). psql's start-up (~20 ms) is
    // included; it favours COPY little.
    const cpuBefore = cpuSnapshot(-1);
    const t0 = performance.now();
    try {
      const result = spawnSync("psql", [options.url, "-v", "ON_ERROR_STOP=1", "-qc", `\\copy bench_events_copy (${columns}) from '${file}'`], { encoding: "utf8" });
      if (result.status !== 0) throw new Error(`psql \\copy failed: ${result.stderr || result.error}`);
    } finally {
      fs.rmSync(file, { force: true });
    }
    const seconds = (performance.now() - t0) / 1000;
    const [{ n }] = await db<{ n: number }[]>`select count(*)::int as n from bench_events_copy`;
    if (n !== rows) throw new Error(`COPY stored ${n} rows, expected ${rows}`);
    // The setup statements of floorWrites run in between; their CPU is small next to the writes.
    const { rollupSeconds, profileSeconds } = await floorWrites(db, options.workspaceId);
    const cpuAfter = cpuSnapshot(-1);
    return {
      rows, bytes: data.length, seconds, eventsPerSecond: rows / seconds, rollupSeconds, profileSeconds,
      floorEventsPerSecond: rows / (seconds + rollupSeconds + profileSeconds),
      floorPostgresUsPerEvent: cpuBefore && cpuAfter ? ((cpuAfter.postgres - cpuBefore.postgres) * 1e6) / rows : null,
    };
  } finally {
    await db`drop table if exists bench_events_copy`;
    await db`drop table if exists bench_rollups_copy`;
    await db`drop table if exists bench_profiles_copy`;
  }
}
