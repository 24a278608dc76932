/**
 * One audience index per workspace per process, built on first use and kept exact:
 * - every change to a profile row or its events is named, on commit, by the change notifications
 *   of migrations 0011/0013 (channel `tailor_visitors`); the profile is marked dirty;
 * - before the index answers, a *barrier* — a notification this process sends itself on
 *   `tailor_audience` — must come back. Notifications arrive in commit order, so once it is back
 *   every change committed before the question was asked has been heard; the dirty profiles are
 *   then re-read (row and all events) and only then is the rule matched. A count therefore never
 *   misses a write that finished before the builder asked, in this process or any other;
 * - a notification that says "everything changed" for profiles or events (bulk loads, truncates),
 *   a lost listening connection, or a barrier that does not come back within 2 s makes the
 *   index stale: it is rebuilt, and until then counts come from the database.
 * Indexes unused for TAILOR_AUDIENCE_INDEX_IDLE_S (default 3600) are dropped. TAILOR_AUDIENCE_INDEX=off
 * turns the index off; TAILOR_AUDIENCE_INDEX_MAX_MB (default 2048) caps one workspace's index.
 */
import "server-only";
import { onDatabaseClose, type Database } from "@/db/client";
import type { AudienceIndex } from "./audience-index";
import { listenClient, openChangeFeed, type ChangeFeed } from "./change-feed";
import { IndexTooLargeError, loadAudienceIndex, refreshProfiles, type BuildProgress } from "./load-index";

/** After a failed build, wait this long before trying again; after one over the size limit, an hour. */
const RETRY_MS = { failed: 60_000, too_large: 3_600_000 };
/** Dirty profiles of an index used this recently are re-read in the background every REFRESH_MS. */
const REFRESH_MS = 1_000;
const ACTIVE_MS = 600_000;
type Status = "empty" | "building" | "ready" | "failed" | "too_large";

interface Entry {
  workspaceId: string;
  status: Status;
  index: AudienceIndex | null;
  /** Profiles changed since the index last read them. */
  dirty: Set<string>;
  /** The index missed changes it cannot name: rebuild before using it. */
  stale: boolean;
  build: Promise<void> | null;
  progress: BuildProgress;
  /** Serializes refreshes and matches, which both read and write the index. */
  lock: Promise<unknown>;
  lastUsed: number;
  builtAt: number | null;
  buildMs: number | null;
  failedAt: number;
  error: string | null;
  /** Profiles re-read since the build. */
  reread: number;
}

interface State {
  closed: boolean;
  feed: ChangeFeed;
  entries: Map<string, Entry>;
  timer: NodeJS.Timeout | null;
}

const enabled = () => process.env.TAILOR_AUDIENCE_INDEX !== "off";
const maxBytes = () => (Number(process.env.TAILOR_AUDIENCE_INDEX_MAX_MB) || 2048) * 1048576;
const idleMs = () => (Number(process.env.TAILOR_AUDIENCE_INDEX_IDLE_S) || 3600) * 1000;

// On globalThis: Next.js bundles a module into several chunks, and a hot reload runs it again.
const holder = globalThis as unknown as { __tailorAudienceIndexes?: WeakMap<Database, State | null> };
const states = (holder.__tailorAudienceIndexes ??= new WeakMap());

function stateOf(db: Database): State | null {
  const known = states.get(db);
  if (known !== undefined) return known;
  const client = listenClient(db);
  if (!enabled() || !client) {
    states.set(db, null);
    return null;
  }
  const entries = new Map<string, Entry>();
  const markStale = (workspaceId: string | null) => {
    for (const entry of entries.values()) if (workspaceId === null || entry.workspaceId === workspaceId) entry.stale = true;
  };
  const feed = openChangeFeed(db, client, {
    onProfiles: (workspaceId, ids) => {
      const entry = entries.get(workspaceId);
      if (entry) for (const id of ids) entry.dirty.add(id);
    },
    onMissed: markStale,
  });
  let ticks = 0;
  const state: State = {
    closed: false, feed, entries,
    timer: setInterval(() => {
      void refreshActive(db, state);
      if (++ticks % 60 === 0) evictIdle(state);
    }, REFRESH_MS),
  };
  state.timer?.unref?.();
  states.set(db, state);
  onDatabaseClose(db, () => {
    state.closed = true;
    if (state.timer) clearInterval(state.timer);
    state.entries.clear();
    feed.close();
    states.set(db, null);
  });
  return state;
}

function entryOf(state: State, workspaceId: string): Entry {
  let entry = state.entries.get(workspaceId);
  if (!entry) {
    entry = {
      workspaceId, status: "empty", index: null, dirty: new Set(), stale: false, build: null, progress: { profiles: 0, events: 0 },
      lock: Promise.resolve(), lastUsed: Date.now(), builtAt: null, buildMs: null, failedAt: 0, error: null, reread: 0,
    };
    state.entries.set(workspaceId, entry);
  }
  return entry;
}

function startBuild(db: Database, state: State, entry: Entry): Promise<void> {
  if (entry.build) return entry.build;
  const failedRecently = (entry.status === "failed" || entry.status === "too_large") && Date.now() - entry.failedAt < RETRY_MS[entry.status];
  if (failedRecently) return Promise.resolve();
  entry.status = "building";
  entry.index = null;
  entry.progress = { profiles: 0, events: 0 };
  const started = performance.now();
  entry.build = (async () => {
    try {
      // Listening and caught up before reading: every change from here on marks its profile dirty.
      if (!(await state.feed.listening) || !(await state.feed.barrier())) throw new Error("not hearing change notifications");
      entry.stale = false;
      entry.dirty.clear();
      entry.reread = 0;
      const index = await loadAudienceIndex(db, entry.workspaceId, { maxBytes: maxBytes(), onProgress: (p) => (entry.progress = p) });
      if (state.closed) return;
      entry.index = index;
      entry.status = "ready";
      entry.error = null;
      entry.builtAt = Date.now();
      entry.buildMs = Math.round(performance.now() - started);
    } catch (error) {
      if (state.closed) return;
      entry.status = error instanceof IndexTooLargeError ? "too_large" : "failed";
      entry.error = error instanceof Error ? error.message : String(error);
      entry.failedAt = Date.now();
      if (entry.status === "failed") console.error(`[tailor] building the audience index of workspace ${entry.workspaceId} failed; counting in the database`, error);
    } finally {
      entry.build = null;
    }
  })();
  return entry.build;
}

function locked<T>(entry: Entry, fn: () => Promise<T>): Promise<T> {
  const run = entry.lock.then(fn, fn);
  entry.lock = run.catch(() => {});
  return run;
}

/**
 * Runs `fn` on the workspace's index, up to date with every change committed before the call, and
 * returns its result; null when there is no usable index (off, building, stale, too large), and
 * the caller counts in the database. A missing or stale index starts building; the call waits up to
 * `waitMs` for it (default 0).
 */
export async function withAudienceIndex<T>(
  db: Database,
  workspaceId: string,
  fn: (index: AudienceIndex) => T | Promise<T>,
  options: { waitMs?: number } = {},
): Promise<{ value: T } | null> {
  const state = stateOf(db);
  if (!state || !(await state.feed.listening)) return null;
  const entry = entryOf(state, workspaceId);
  entry.lastUsed = Date.now();
  if (entry.status !== "ready" || entry.stale) {
    const build = startBuild(db, state, entry);
    if (options.waitMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([build, new Promise((resolve) => (timer = setTimeout(resolve, options.waitMs)))]);
      clearTimeout(timer);
    }
    if (entry.status !== "ready" || entry.stale) return null;
  }
  if (!(await state.feed.barrier())) return null;
  return locked(entry, async () => {
    const index = entry.index;
    if (entry.stale || !index) {
      void startBuild(db, state, entry);
      return null;
    }
    await rereadDirty(db, entry, index);
    return { value: await fn(index) };
  });
}

/** Re-reads the entry's dirty profiles into its index (call under the entry's lock). */
async function rereadDirty(db: Database, entry: Entry, index: AudienceIndex): Promise<void> {
  if (entry.dirty.size === 0) return;
  const ids = [...entry.dirty];
  entry.dirty.clear();
  try {
    await refreshProfiles(db, index, ids);
    entry.reread += ids.length;
  } catch (error) {
    for (const id of ids) entry.dirty.add(id);
    throw error;
  }
}

/**
 * Re-reads changed profiles of recently used indexes in the background, so that under steady
 * ingestion a preview finds little left to re-read (it still re-reads whatever arrived since).
 */
async function refreshActive(db: Database, state: State): Promise<void> {
  const cutoff = Date.now() - ACTIVE_MS;
  for (const entry of state.entries.values()) {
    const index = entry.index;
    if (state.closed || !index || entry.stale || entry.dirty.size === 0 || entry.lastUsed < cutoff) continue;
    await locked(entry, () => rereadDirty(db, entry, index)).catch((error: unknown) => {
      if (!state.closed) console.error(`[tailor] re-reading changed profiles into the audience index of workspace ${entry.workspaceId} failed; the next count tries again`, error);
    });
  }
}

/** Starts building the workspace's index if it has none (a page that will ask for counts soon). */
export function warmAudienceIndex(db: Database, workspaceId: string): void {
  const state = stateOf(db);
  if (!state) return;
  const entry = entryOf(state, workspaceId);
  entry.lastUsed = Date.now();
  if (entry.status !== "ready" || entry.stale) void startBuild(db, state, entry);
}

function evictIdle(state: State): void {
  const cutoff = Date.now() - idleMs();
  for (const [workspaceId, entry] of state.entries) {
    if (entry.lastUsed < cutoff && !entry.build) state.entries.delete(workspaceId);
  }
}

export interface AudienceIndexStats {
  workspaceId: string;
  status: Status;
  stale: boolean;
  profiles: number;
  events: number;
  megabytes: number;
  buildMs: number | null;
  builtAt: string | null;
  error: string | null;
  /** Profiles re-read after changes since the build. */
  reread: number;
}

/** What this process holds, for /api/health and the benchmark. */
export function audienceIndexStats(db: Database): AudienceIndexStats[] {
  const state = states.get(db);
  if (!state) return [];
  return [...state.entries.values()].map((e) => ({
    workspaceId: e.workspaceId,
    status: e.status,
    stale: e.stale,
    profiles: e.index ? e.index.alive : e.progress.profiles,
    events: e.index ? e.index.eventCount() : e.progress.events,
    megabytes: e.index ? Math.round(e.index.bytes() / 1048576) : 0,
    buildMs: e.buildMs,
    builtAt: e.builtAt === null ? null : new Date(e.builtAt).toISOString(),
    error: e.error,
    reread: e.reread,
  }));
}
