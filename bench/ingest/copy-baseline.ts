/**
 * The COPY baseline: the events the server stored during the throughput run, copied back out and
 * then written with a bare `COPY … FROM STDIN` (psql `\\copy`) into a scratch table shaped like `events`
 * (same columns, defaults and indexes), i.e. the cheapest way PostgreSQL can store those rows.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Sql } from "postgres";

export interface CopyStats {
  rows: number;
  bytes: number;
  seconds: number;
  eventsPerSecond: number;
}

export async function copyBaseline(db: Sql, options: { url: string; workspaceId: string; limit: number }): Promise<CopyStats> {
  await db`drop table if exists bench_events_copy`;
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
    return { rows, bytes: data.length, seconds, eventsPerSecond: rows / seconds };
  } finally {
    await db`drop table if exists bench_events_copy`;
  }
}
