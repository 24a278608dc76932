import "server-only";
import type { Database } from "@/db/client";

export interface ProfilesTouchedInfo {
  /** Profiles merged away by this batch: they no longer exist, their data lives on in a survivor. */
  mergedProfileIds: string[];
}

export type ProfilesTouchedHook = (db: Database, workspaceId: string, profileIds: string[], info: ProfilesTouchedInfo) => Promise<void> | void;

// On globalThis so that route bundles and the module that registers the hook share one list,
// however the bundler splits modules.
const registry = globalThis as unknown as { __tailorProfilesTouchedHooks?: Set<ProfilesTouchedHook> };
const hooks = (registry.__tailorProfilesTouchedHooks ??= new Set());

/** Registers a function to run after every committed ingestion batch; returns an unregister function. */
export function registerProfilesTouchedHook(hook: ProfilesTouchedHook): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/**
 * Runs the registered hooks for the profiles a batch touched (real-time segment membership plugs
 * in here). Called after commit, outside the transaction; a failing hook is logged and never
 * fails the ingestion, whose data is already safely stored.
 */
export async function onProfilesTouched(db: Database, workspaceId: string, profileIds: string[], info: ProfilesTouchedInfo = { mergedProfileIds: [] }): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook(db, workspaceId, profileIds, info);
    } catch (error) {
      console.error(`[tailor] profiles-touched hook failed for ${profileIds.length} profile(s) in workspace ${workspaceId}`, error);
    }
  }
}

/** Most profiles one coalesced hook run takes; the rest wait for the next run. */
const MAX_PROFILES_PER_RUN = 5000;

interface Pending {
  db: Database;
  profileIds: Set<string>;
  mergedProfileIds: Set<string>;
  run: Promise<void> | null;
}

const queue = globalThis as unknown as { __tailorTouchedQueue?: Map<string, Pending> };
const pendingByWorkspace = (queue.__tailorTouchedQueue ??= new Map());

function take(set: Set<string>, max: number): string[] {
  const out: string[] = [];
  for (const id of set) {
    if (out.length >= max) break;
    out.push(id);
    set.delete(id);
  }
  return out;
}

async function drain(workspaceId: string, pending: Pending): Promise<void> {
  // Bounded: each pass takes what arrived meanwhile; the loop ends when a pass finds nothing.
  while (pending.profileIds.size || pending.mergedProfileIds.size) {
    const merged = take(pending.mergedProfileIds, MAX_PROFILES_PER_RUN);
    const touched = take(pending.profileIds, MAX_PROFILES_PER_RUN - merged.length);
    const started = performance.now();
    await onProfilesTouched(pending.db, workspaceId, touched, { mergedProfileIds: merged });
    if (process.env.TAILOR_INGEST_STATS === "1") {
      console.log(`[tailor] profiles-touched run: ${touched.length + merged.length} profiles in ${Math.round(performance.now() - started)} ms`);
    }
  }
  pending.run = null;
}

/**
 * Like onProfilesTouched, but returns at once: the hooks run soon after, one run at a time per
 * workspace, and batches that commit while a run is going are coalesced into the next run (one
 * recompute of 2,000 profiles is far cheaper than 40 of 50). Used by the HTTP endpoints, whose
 * clients need the data stored, not the memberships updated. Pending work lives in memory only:
 * a process that dies first leaves those memberships to the next event or reconcile.
 */
export function scheduleProfilesTouched(db: Database, workspaceId: string, profileIds: string[], info: ProfilesTouchedInfo = { mergedProfileIds: [] }): void {
  if (!profileIds.length && !info.mergedProfileIds.length) return;
  let pending = pendingByWorkspace.get(workspaceId);
  if (!pending) {
    pending = { db, profileIds: new Set(), mergedProfileIds: new Set(), run: null };
    pendingByWorkspace.set(workspaceId, pending);
  }
  for (const id of profileIds) pending.profileIds.add(id);
  for (const id of info.mergedProfileIds) pending.mergedProfileIds.add(id);
  pending.db = db;
  if (!pending.run) {
    const p = pending;
    p.run = drain(workspaceId, p).catch((error) => {
      p.run = null;
      console.error(`[tailor] profiles-touched queue failed in workspace ${workspaceId}`, error);
    });
  }
}

/** Resolves when every scheduled hook run has finished (tests, graceful shutdown). */
export async function flushProfilesTouched(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const runs = [...pendingByWorkspace.values()].map((p) => p.run).filter((r): r is Promise<void> => r !== null);
    if (!runs.length) return;
    await Promise.all(runs);
  }
}
