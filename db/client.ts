/**
 * One database handle for the whole process: embedded PGlite under `.data/` when
 * `DATABASE_URL` is unset, PostgreSQL through postgres.js when it is set. Both are migrated
 * on first use, so every query in `lib/` runs unchanged on either engine.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = "pglite" | "postgres";

export interface DbHandle {
  db: Database;
  engine: Engine;
  close: () => Promise<void>;
  /**
   * The database decisions (OFREP) read visitors from: on PostgreSQL a second, small pool on the
   * same server, closed with this handle; on PGlite the same database. Created on first use.
   */
  decisions?: () => Database;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded engine is used. */
  url?: string;
  /** PGlite data directory; `memory://` for a throwaway in-memory database. */
  dataDir?: string;
  /** Run migrations after opening (default true). */
  migrate?: boolean;
  /** Connection pool size for PostgreSQL. */
  max?: number;
}

/**
 * Names this process in `application_name` (`tailor <tag>`): a database trigger copies it into the
 * notifications of the impressions this process writes, so its visitor cache can tell its own
 * impressions (already counted) from other processes' (see lib/personalization/visitor-cache.ts).
 * On globalThis: Next.js bundles this module into several chunks, and all must agree.
 */
export const PROCESS_TAG: string = ((globalThis as unknown as { __tailorProcessTag?: string }).__tailorProcessTag ??= `${process.pid}-${randomBytes(3).toString("hex")}`);

const closeHooks = new WeakMap<Database, (() => Promise<void> | void)[]>();

/** Runs `fn` when the handle of `db` is closed, before its connections go (listeners, timers). */
export function onDatabaseClose(db: Database, fn: () => Promise<void> | void): void {
  const hooks = closeHooks.get(db) ?? [];
  hooks.push(fn);
  closeHooks.set(db, hooks);
}

async function runCloseHooks(db: Database): Promise<void> {
  const hooks = closeHooks.get(db) ?? [];
  closeHooks.delete(db);
  await Promise.all(hooks.map(async (fn) => {
    try {
      await fn();
    } catch (error) {
      console.error("[tailor] a close hook of the database failed", error);
    }
  }));
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** The data directory of the embedded database, `.data/pglite` unless `TAILOR_DATA_DIR` says otherwise. */
export function defaultDataDir(): string {
  return process.env.TAILOR_DATA_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

/** Opens a database; most code wants `getDb()` instead. */
export async function openDatabase(options: OpenOptions = {}): Promise<DbHandle> {
  const handle = options.url ? await openPostgres(options.url, options.max) : await openPglite(options.dataDir ?? defaultDataDir());
  if (options.migrate !== false) await migrateDatabase(handle);
  return handle;
}

/**
 * A decision reads its visitor in one short prepared statement. On a small pool of their own
 * these queue on a few connections, where postgres.js sends all statements issued in one turn of
 * the event loop in one socket write: at full load a decision then costs ~150 µs less server CPU
 * than when every statement has a connection (and a write and backend wake-up) of its own,
 * measured with `npm run bench:decide`. Only visitor reads use it — anything slower (popular
 * products, config reloads, impression writes) stays on the app's pool, so nothing queues a
 * visitor read behind a long statement — and segment counts, imports and ingestion cannot delay
 * them either. `TAILOR_DECISION_POOL_MAX` sets its size.
 */
const DECISION_POOL_MAX = 2;

async function openPostgres(url: string, max = 10): Promise<DbHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const open = (size: number, name: string) => postgres(url, { max: size, onnotice: () => {}, connection: { application_name: `${name} ${PROCESS_TAG}` } });
  const client = open(max, "tailor");
  const db = drizzle({ client, schema }) as unknown as Database;
  let decisions: { client: ReturnType<typeof postgres>; db: Database } | null = null;
  return {
    db,
    engine: "postgres",
    close: async () => {
      await runCloseHooks(db);
      await Promise.all([client.end({ timeout: 5 }), decisions?.client.end({ timeout: 5 })]);
    },
    decisions: () => {
      if (!decisions) {
        const size = Number(process.env.TAILOR_DECISION_POOL_MAX) || DECISION_POOL_MAX;
        const pool = open(size, "tailor-decisions");
        decisions = { client: pool, db: drizzle({ client: pool, schema }) as unknown as Database };
      }
      return decisions.db;
    },
  };
}

async function openPglite(dataDir: string): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dataDir.startsWith("memory://");
  const release = inMemory ? () => {} : claimDataDir(dataDir);
  const client = await PGlite.create(inMemory ? undefined : dataDir);
  const db = drizzle({ client, schema }) as unknown as Database;
  return {
    db,
    engine: "pglite",
    close: async () => {
      await runCloseHooks(db);
      await client.close();
      release();
    },
  };
}

/**
 * PGlite has no cross-process lock, and two processes writing one directory corrupt it.
 * A pid file makes the second process fail with a message instead.
 */
function claimDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.owner.pid`);
  const owner = readOwner(lock);
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${owner}. ` +
        "Only one process may own it: stop that process (for example a running `npm run dev`), " +
        "or set DATABASE_URL to use PostgreSQL, which allows many.",
    );
  }
  fs.writeFileSync(lock, String(process.pid));
  const release = () => {
    if (readOwner(lock) === process.pid) fs.rmSync(lock, { force: true });
  };
  process.once("exit", release);
  return release;
}

function readOwner(lock: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lock, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Applies the committed drizzle-kit migrations. */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.engine === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // Several processes may start at once against one server: serialize them.
    await handle.db.execute(sql`select pg_advisory_lock(727274)`);
    try {
      await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await handle.db.execute(sql`select pg_advisory_unlock(727274)`);
    }
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

const globalForDb = globalThis as unknown as { __tailorDb?: Promise<DbHandle>; __tailorDbOpen?: DbHandle };

/** The process-wide database, opened and migrated on first use (cached across hot reloads). */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.__tailorDb) {
    const opening = openDatabase({ url: process.env.DATABASE_URL || undefined }).then(
      (handle) => {
        if (globalForDb.__tailorDb === opening) globalForDb.__tailorDbOpen = handle;
        return handle;
      },
      (error: unknown) => {
        globalForDb.__tailorDb = undefined;
        throw error;
      },
    );
    globalForDb.__tailorDb = opening;
  }
  return globalForDb.__tailorDb;
}

/** The app's database and the one decisions read visitors from (see DbHandle.decisions). */
export interface DecisionDbs {
  db: Database;
  visitors: Database;
}

/**
 * The process-wide databases for decisions if already open, else null — for the hot decision
 * path, which would otherwise pay for a promise and a microtask on every request just to read a
 * cached handle.
 */
export function openedDecisionDbs(): DecisionDbs | null {
  const open = globalForDb.__tailorDbOpen;
  return open ? decisionDbsOf(open) : null;
}

const decisionDbs = new WeakMap<DbHandle, DecisionDbs>();
function decisionDbsOf(handle: DbHandle): DecisionDbs {
  let dbs = decisionDbs.get(handle);
  if (!dbs) {
    dbs = { db: handle.db, visitors: handle.decisions?.() ?? handle.db };
    decisionDbs.set(handle, dbs);
  }
  return dbs;
}

/**
 * The process-wide databases for decisions. A handle put in place by other means than
 * `getDbHandle` (tests swapping in a failing database) is used as it is, for both.
 */
export async function getDecisionDbs(): Promise<DecisionDbs> {
  const handle = await getDbHandle();
  return handle === globalForDb.__tailorDbOpen ? decisionDbsOf(handle) : { db: handle.db, visitors: handle.db };
}

/** The process-wide database handle's drizzle instance. */
export async function getDb(): Promise<Database> {
  return (await getDbHandle()).db;
}

/** Closes the process-wide database, if open. */
export async function closeDb(): Promise<void> {
  const pending = globalForDb.__tailorDb;
  globalForDb.__tailorDb = undefined;
  globalForDb.__tailorDbOpen = undefined;
  if (pending) await (await pending).close();
}

/** Runs raw SQL and returns its rows, hiding the result-shape difference between the two drivers. */
export async function queryRows<T = Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
