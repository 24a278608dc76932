/**
 * Runs queries compiled by compileToFastSql with the session settings they were planned for.
 * The set-based plan hinges on hashed subplans: PostgreSQL hashes an `in (subquery)` only when
 * it expects the set to fit in work_mem (× hash_mem_multiplier); otherwise it rescans the
 * subquery's result for every profile — quadratic, minutes instead of milliseconds at a million
 * profiles. So every such query runs in a transaction whose work_mem fits a whole workspace's
 * profile set, and without JIT, whose compile time (100+ ms for these wide expressions) costs
 * more than it saves at interactive sizes.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { runBounded, type BoundedResult } from "../run-bounded";

/**
 * work_mem for the transaction, from the size of the profiles table (all workspaces: an upper
 * bound for one): a hashed set of (workspace, profile) pairs takes about 100 bytes an entry, and
 * hash tables may use work_mem × hash_mem_multiplier (2 by default). It is a cap, not an
 * allocation: a table only grows as large as its set. 64 MB at least, 2 GB at most.
 */
const SETTINGS = [
  sql.raw(`select set_config('work_mem', greatest(64, least(2048, ceil(
    (select greatest(reltuples, 0) from pg_class where oid = 'profiles'::regclass) * 100 / 2 / 1048576)))::int || 'MB', true)`),
  sql.raw("set local jit = off"),
];

function isPostgresJs(db: Database): boolean {
  const client = (db as unknown as { $client?: { unsafe?: unknown } }).$client;
  return typeof client?.unsafe === "function";
}

/**
 * Runs the queries in order in one transaction with the fast plans' settings; with `timeoutMs`,
 * on PostgreSQL through runBounded (statement timeout, cancellation by `signal`).
 */
export async function runFast<T = Record<string, unknown>>(
  db: Database,
  queries: SQL[],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<BoundedResult<T>> {
  if (options.timeoutMs !== undefined && isPostgresJs(db)) {
    const result = await runBounded<T>(db, [...SETTINGS, ...queries], { timeoutMs: options.timeoutMs, signal: options.signal });
    return result.timedOut ? result : { rows: result.rows.slice(SETTINGS.length), timedOut: false };
  }
  // Embedded PGlite runs in this process and cannot be interrupted (see runBounded).
  const rows = await db.transaction(async (tx) => {
    for (const s of SETTINGS) await tx.execute(s);
    const out: T[][] = [];
    for (const q of queries) out.push(await queryRows<T>(tx as unknown as Database, q));
    return out;
  });
  return { rows, timedOut: false };
}
