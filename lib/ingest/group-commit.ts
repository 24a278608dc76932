/**
 * Group commit: concurrent ingestion requests of one workspace are written together. Requests
 * queue per database handle and workspace; whenever one of the workspace's few writer slots is
 * free, it takes everything queued (up to MAX_GROUP_MESSAGES) and writes it in one transaction
 * with a handful of set-based statements (see writeGroup), then resolves every request of the
 * group. A request therefore still returns only once its data is committed, but under load N
 * queued requests cost one transaction instead of N that lock the same profiles and wait for
 * each other.
 */
import "server-only";
import type { Database } from "@/db/client";
import { identityKeys } from "./identity/plan-identities";
import { withRetry } from "./retry";
import { writeGroup, type GroupRequest, type RequestOutcome } from "./write-group";

/** Most messages one group takes (a request is never split; one larger request goes alone). */
export const MAX_GROUP_MESSAGES = 4000;

interface Queued {
  request: GroupRequest;
  /** The request's identities (`kind:value`), to keep concurrent groups apart. */
  keys: string[];
  resolve: (outcome: RequestOutcome) => void;
  reject: (error: unknown) => void;
}

/** A request's identity keys: the same ones writeGroup reads and locks. */
function keysOf(request: GroupRequest): string[] {
  return identityKeys(request.messages).map((k) => `${k.kind}:${k.value}`);
}

/** Writes requests in one transaction, retrying (then locking) when a concurrent writer won a race. */
export function commitGroup(db: Database, workspaceId: string, requests: readonly GroupRequest[], timings?: Record<string, number>): Promise<RequestOutcome[]> {
  return withRetry((attempt) =>
    db.transaction((tx) => writeGroup(tx as unknown as Database, workspaceId, requests, { pessimistic: attempt > 1, timings })),
  );
}

/**
 * `TAILOR_INGEST_STATS=1` logs, every 5 s, how many groups were written, their size and how long
 * their transactions took (benchmarks; off by default).
 */
const statsOn = () => process.env.TAILOR_INGEST_STATS === "1";
const stats = { groups: 0, requests: 0, messages: 0, ms: 0, maxMs: 0, since: Date.now(), phases: {} as Record<string, number> };
function recordGroup(requests: readonly GroupRequest[], ms: number) {
  if (!statsOn()) return;
  stats.groups++;
  stats.requests += requests.length;
  stats.messages += requests.reduce((n, r) => n + r.messages.length, 0);
  stats.ms += ms;
  stats.maxMs = Math.max(stats.maxMs, ms);
  const elapsed = Date.now() - stats.since;
  if (elapsed < 5000) return;
  console.log(
    `[tailor] ingest groups: ${stats.groups} in ${(elapsed / 1000).toFixed(1)} s, ${(stats.requests / stats.groups).toFixed(1)} requests / ${Math.round(stats.messages / stats.groups)} messages each, ` +
      `transaction avg ${Math.round(stats.ms / stats.groups)} ms (${Object.entries(stats.phases).map(([k, v]) => `${k} ${Math.round(v / stats.groups)}`).join(", ")}), ` +
      `max ${Math.round(stats.maxMs)} ms, busy ${Math.round((100 * stats.ms) / elapsed)}%`,
  );
  Object.assign(stats, { groups: 0, requests: 0, messages: 0, ms: 0, maxMs: 0, since: Date.now(), phases: {} });
}

/**
 * How many groups of one workspace may be in flight at once. One writer alone leaves the other
 * CPU core idle while its transaction runs; a few let light traffic go straight through (a
 * request that finds a free slot is written at once, alone) while heavy traffic, which finds
 * every slot busy, queues and is grouped. Groups in flight never share an identity (see takeGroup and
 * GroupWriter below, and docs/ingestion.md, Concurrency).
 */
const config = {
  writers: Number(process.env.TAILOR_INGEST_WRITERS) >= 1 ? Math.floor(Number(process.env.TAILOR_INGEST_WRITERS)) : 4,
  /** Keep groups that share an identity apart (`TAILOR_INGEST_DISJOINT=off` turns it off, for comparisons). */
  disjoint: process.env.TAILOR_INGEST_DISJOINT !== "off",
};

/**
 * Changes how many groups of a workspace may be written at once (tests, benchmarks); the default
 * is 4, or `TAILOR_INGEST_WRITERS` when set.
 */
export function configureGroupCommit(options: { writers?: number; disjoint?: boolean }) {
  if (options.writers !== undefined) {
    if (!Number.isInteger(options.writers) || options.writers < 1) throw new Error("writers must be a positive whole number");
    config.writers = options.writers;
  }
  if (options.disjoint !== undefined) config.disjoint = options.disjoint;
}

/**
 * Splits a queue into the next group and what stays queued: the oldest requests, up to `max`
 * messages (a larger request goes alone), skipping any request that shares an identity key with a
 * group in flight (`busy`) or with a request skipped before it. Empty only when every queued
 * request waits for a group in flight.
 */
export function takeGroup<Q extends { keys: readonly string[]; request: { messages: readonly unknown[] } }>(
  queue: readonly Q[],
  busy: (key: string) => boolean,
  max: number,
): { taken: Q[]; rest: Q[] } {
  const blocked = new Set<string>();
  const taken: Q[] = [];
  const rest: Q[] = [];
  let size = 0;
  let i = 0;
  for (; i < queue.length; i++) {
    const q = queue[i];
    const n = q.request.messages.length;
    if (taken.length > 0 && size + n > max) break;
    if (q.keys.some((k) => busy(k) || blocked.has(k))) {
      rest.push(q);
      // Later requests about the same people must not overtake this one.
      for (const k of q.keys) blocked.add(k);
      continue;
    }
    taken.push(q);
    size += n;
  }
  return { taken, rest: rest.concat(queue.slice(i)) };
}

/**
 * Groups in flight never share an identity. Two transactions that touch the same profile wait
 * for each other's row locks, and a waiting transaction holds the locks of all its other
 * profiles meanwhile, so under load waits chain up (half of every transaction was such waiting,
 * see docs/ingestion.md). A request whose identities overlap a group in flight stays queued —
 * holding nothing — and goes in a later group; so does every later request that overlaps it, which
 * keeps requests about the same person in arrival order and means none waits forever. Two requests
 * with different identities of one person still meet on that profile's lock, as before.
 */
class GroupWriter {
  private queue: Queued[] = [];
  /** Identity keys of the groups in flight (they never share one). */
  private busy = new Set<string>();
  private active = 0;

  constructor(
    private readonly db: Database,
    private readonly workspaceId: string,
  ) {}

  submit(request: GroupRequest): Promise<RequestOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, keys: config.disjoint ? keysOf(request) : [], resolve, reject });
      this.pump();
    });
  }

  /** Starts groups while a slot is free and requests can go; each finished group looks again. */
  private pump() {
    while (this.active < config.writers && this.queue.length) {
      const group = this.take();
      if (!group.length) return;
      this.active++;
      const keys = group.flatMap((q) => q.keys);
      for (const k of keys) this.busy.add(k);
      void this.commit(group).finally(() => {
        for (const k of keys) this.busy.delete(k);
        this.active--;
        this.pump();
      });
    }
  }

  /** The oldest queued requests that may go now (see takeGroup). */
  private take(): Queued[] {
    const { taken, rest } = takeGroup(this.queue, (k) => this.busy.has(k), MAX_GROUP_MESSAGES);
    this.queue = rest;
    return taken;
  }

  /**
   * Commits a group; if it fails, each half is tried on its own, so a request that cannot be
   * stored fails alone and never takes the requests it was grouped with down with it.
   */
  private async commit(group: Queued[]): Promise<void> {
    let outcomes: RequestOutcome[];
    try {
      const started = performance.now();
      outcomes = await commitGroup(this.db, this.workspaceId, group.map((q) => q.request), statsOn() ? stats.phases : undefined);
      recordGroup(group.map((q) => q.request), performance.now() - started);
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      const half = Math.ceil(group.length / 2);
      await this.commit(group.slice(0, half));
      await this.commit(group.slice(half));
      return;
    }
    group.forEach((q, i) => q.resolve(outcomes[i]));
  }
}

// On globalThis so that every route bundle of the process shares one writer per workspace.
const registry = globalThis as unknown as { __tailorGroupWriters?: WeakMap<Database, Map<string, GroupWriter>> };
const writers = (registry.__tailorGroupWriters ??= new WeakMap());

/**
 * Queues a request for the workspace's group writer; resolves after the group holding it has
 * committed, rejects if this request could not be stored (never because of another request).
 */
export function submitToGroup(db: Database, workspaceId: string, request: GroupRequest): Promise<RequestOutcome> {
  let byWorkspace = writers.get(db);
  if (!byWorkspace) writers.set(db, (byWorkspace = new Map()));
  let writer = byWorkspace.get(workspaceId);
  if (!writer) byWorkspace.set(workspaceId, (writer = new GroupWriter(db, workspaceId)));
  return writer.submit(request);
}
