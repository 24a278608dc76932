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
