/**
 * What the audience indexes hear from the database: the change notifications of migrations
 * 0011/0013 on `tailor_visitors` (only those about profile rows and events are passed on), and a
 * *barrier* — a notification this process sends itself on `tailor_audience`. PostgreSQL delivers
 * notifications in commit order, so once a barrier is back, every change committed before it was
 * sent has been heard. A listening connection that reconnects, or a barrier that does not come back
 * within BARRIER_MS, means changes may have been missed: `onMissed` is called.
 */
import "server-only";
import { PROCESS_TAG, type Database } from "@/db/client";
import { preparedRunner } from "@/lib/personalization/run-prepared";

const DATA_CHANNEL = "tailor_visitors";
const BARRIER_CHANNEL = "tailor_audience";
const BARRIER_MS = 2_000;
/** Tables whose changes the index reads. */
const TABLES = new Set(["profiles", "events"]);

export interface ChangeHandlers {
  /** These profiles' rows or events changed. */
  onProfiles: (workspaceId: string, ids: string[]) => void;
  /** Too much changed to name (a workspace's, or with null every workspace's), or changes may have been missed. */
  onMissed: (workspaceId: string | null) => void;
}

export interface ChangeFeed {
  /** True once listening on both channels; false if listening failed. */
  listening: Promise<boolean>;
  /** Resolves true once every change committed before the call has been heard; false when not hearing. */
  barrier: () => Promise<boolean>;
  close: () => void;
}

interface ListenClient {
  listen: (channel: string, fn: (payload: string) => void, onlisten?: () => void) => Promise<unknown>;
  unsafe?: unknown;
}

/** The listening client of a database handle (postgres.js or PGlite), or null when it cannot listen. */
export function listenClient(db: Database): ListenClient | null {
  const client = (db as unknown as { $client?: Partial<ListenClient> }).$client;
  return typeof client?.listen === "function" ? (client as ListenClient) : null;
}

function parse<T>(payload: string): T | null {
  try {
    return JSON.parse(payload) as T;
  } catch {
    return null;
  }
}

/** Starts listening on the database's listening connection. */
export function openChangeFeed(db: Database, client: ListenClient, handlers: ChangeHandlers): ChangeFeed {
  let closed = false;
  const barriers = { sent: 0, seen: 0, waiters: new Map<number, () => void>() };

  const hearData = (payload: string) => {
    const m = parse<{ w?: string; t?: string; all?: boolean; p?: string[] }>(payload);
    // Messages without a table (pings, config, keys) or about other tables are not about profiles or events.
    if (!m || m.t === undefined || !TABLES.has(m.t)) return;
    if (m.all) handlers.onMissed(m.w ?? null);
    else if (m.w && m.p) handlers.onProfiles(m.w, m.p);
  };
  const hearBarrier = (payload: string) => {
    const m = parse<{ b?: number; t?: string }>(payload);
    if (!m || m.t !== PROCESS_TAG || typeof m.b !== "number") return;
    barriers.seen = Math.max(barriers.seen, m.b);
    for (const [n, wake] of barriers.waiters) {
      if (n > barriers.seen) continue;
      barriers.waiters.delete(n);
      wake();
    }
  };
  // postgres.js calls onlisten on every (re)connection of its listening connection: what was said
  // while it was away is lost.
  const onListen = () => handlers.onMissed(null);
  const pglite = typeof client.unsafe !== "function";
  const on = (channel: string, fn: (payload: string) => void) => (pglite ? client.listen(channel, fn) : client.listen(channel, fn, onListen));
  const listening = Promise.all([on(DATA_CHANNEL, hearData), on(BARRIER_CHANNEL, hearBarrier)]).then(
    () => true,
    (error: unknown) => {
      console.error("[tailor] the audience index cannot listen for changes; segment counts come from the database", error);
      return false;
    },
  );

  const barrier = async (): Promise<boolean> => {
    const n = ++barriers.sent;
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<boolean>((resolve) => {
      barriers.waiters.set(n, () => resolve(!closed));
      timer = setTimeout(() => resolve(false), BARRIER_MS);
    });
    let ok = false;
    try {
      await preparedRunner(db)("select pg_notify($1, $2)", [BARRIER_CHANNEL, JSON.stringify({ b: n, t: PROCESS_TAG })]);
      ok = await heard;
    } catch {
      ok = false;
    }
    clearTimeout(timer);
    barriers.waiters.delete(n);
    if (!ok && !closed) {
      console.error("[tailor] the audience index stopped hearing change notifications; segment counts come from the database until it is rebuilt");
      handlers.onMissed(null);
    }
    return ok;
  };

  const close = () => {
    closed = true;
    for (const wake of barriers.waiters.values()) wake();
  };
  return { listening, barrier, close };
}
