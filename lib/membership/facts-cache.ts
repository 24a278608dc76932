/**
 * The events the real-time membership read last time, per profile, so that the next recompute of
 * a profile reads only its events with newer ids instead of all of them (which made the facts
 * query read ~16 stored events for every ingested one).
 *
 * Why newer ids are enough: events of an existing profile are inserted only by a transaction
 * that holds the profile's row lock until it commits (lib/ingest/statements.ts readIdentities),
 * and ids come from one sequence, so a later commit for the profile always brings larger ids.
 * Events are rewritten in place only by merges (moved to another profile) and deletions; those
 * give the profile a new `events_epoch` (migration 0014 triggers), and a cached profile whose
 * epoch changed is read again in full. A profile row that no longer exists drops its entry.
 *
 * Only committed events may be kept: loadFacts with a cache must not run in a transaction that
 * wrote events itself (recomputes run after ingestion commits, in transactions of their own).
 *
 * Per process and workspace, bounded by the number of events kept (least recently used profiles
 * go first); `TAILOR_MEMBERSHIP_CACHE=off` turns it off, `TAILOR_MEMBERSHIP_CACHE_EVENTS` sets the
 * bound (default 2,000,000 events).
 */
import type { EventFact } from "@/lib/rules/evaluate";

/** Event name → earliest timestamp needed (epoch ms; null: all history), as rule-needs computes it. */
export type EventNeeds = Map<string, number | null>;

export interface CachedEvents {
  epoch: number;
  /** Largest event id read for this profile (0: none). */
  watermark: number;
  events: EventFact[];
  /** How many of them the cache has counted against its bound (set by `put`). */
  counted?: number;
}

export interface WorkspaceCache {
  workspaceId: string;
  /** The needs the cached events were read for: per name, events from this time on are all there. */
  needs: EventNeeds;
  profiles: Map<string, CachedEvents>;
}

const SLACK_MS = 10 * 60_000;

/** True when events read for `cached` include every event `wanted` asks for. */
function covers(cached: EventNeeds, wanted: EventNeeds): boolean {
  if (cached.size !== wanted.size) return false;
  for (const [name, from] of wanted) {
    if (!cached.has(name)) return false;
    const have = cached.get(name)!;
    if (have !== null && (from === null || from < have)) return false;
  }
  return true;
}

export class FactsCache {
  private readonly workspaces = new Map<string, WorkspaceCache>();
  private events = 0;

  constructor(private readonly maxEvents: number) {}

  /**
   * The workspace's cached profiles, if they were read for needs that cover `needs`; otherwise the
   * workspace starts empty (a segment was added or changed what it reads). Entries read through a
   * handle that was replaced meanwhile are not kept.
   */
  open(workspaceId: string, needs: EventNeeds): WorkspaceCache {
    const current = this.workspaces.get(workspaceId);
    if (current && covers(current.needs, needs)) {
      // Windows move on with the clock; keep SLACK_MS more than needed, so that a recompute that
      // started a moment earlier than the last one (the timer's, say) still finds its events.
      for (const [name, from] of needs) {
        const have = current.needs.get(name)!;
        if (have !== null && from !== null) current.needs.set(name, Math.max(have, from - SLACK_MS));
      }
      return current;
    }
    if (current) this.dropWorkspace(workspaceId);
    const fresh: WorkspaceCache = { workspaceId, needs: new Map(needs), profiles: new Map() };
    this.workspaces.set(workspaceId, fresh);
    return fresh;
  }

  /**
   * Stores a profile's events (a new entry, or one already stored that has grown), drops those no
   * rule reads any more, and marks it most recently used.
   */
  put(ws: WorkspaceCache, profileId: string, entry: CachedEvents) {
    // Read for a workspace cache that was dropped meanwhile (other needs): not kept.
    if (!this.isOpen(ws)) return;
    const old = ws.profiles.get(profileId);
    if (old) {
      this.events -= old.counted ?? 0;
      ws.profiles.delete(profileId);
    }
    // Pruning walks every event: done when an entry is new or has doubled since, so its cost
    // stays proportional to the events read.
    if (entry.counted === undefined || entry.events.length >= 2 * entry.counted + 16) this.prune(ws.needs, entry);
    entry.counted = entry.events.length;
    ws.profiles.set(profileId, entry);
    this.events += entry.counted;
    this.evict();
  }

  forget(ws: WorkspaceCache, profileId: string) {
    const old = ws.profiles.get(profileId);
    if (!old || !this.isOpen(ws)) return;
    this.events -= old.counted ?? 0;
    ws.profiles.delete(profileId);
  }

  stats() {
    let profiles = 0;
    for (const ws of this.workspaces.values()) profiles += ws.profiles.size;
    return { workspaces: this.workspaces.size, profiles, events: this.events };
  }

  private isOpen(ws: WorkspaceCache) {
    return this.workspaces.get(ws.workspaceId) === ws;
  }

  private dropWorkspace(workspaceId: string) {
    const ws = this.workspaces.get(workspaceId);
    if (!ws) return;
    for (const p of ws.profiles.values()) this.events -= p.counted ?? 0;
    this.workspaces.delete(workspaceId);
  }

  /** Drops events older than what any rule still reads (windows only move forward). */
  private prune(needs: EventNeeds, entry: CachedEvents) {
    let kept = 0;
    for (const e of entry.events) {
      const from = needs.get(e.event);
      if (from === undefined || (from !== null && e.timestamp.getTime() < from)) continue;
      entry.events[kept++] = e;
    }
    entry.events.length = kept;
  }

  /** Least recently used profiles go first (workspaces in the order they were first cached). */
  private evict() {
    if (this.events <= this.maxEvents) return;
    for (const [wsId, ws] of this.workspaces) {
      for (const [id, entry] of ws.profiles) {
        if (this.events <= this.maxEvents * 0.9) return;
        this.events -= entry.counted ?? 0;
        ws.profiles.delete(id);
      }
      if (ws.profiles.size === 0) this.workspaces.delete(wsId);
    }
  }
}

const state = globalThis as unknown as { __tailorFactsCache?: FactsCache | null };

/** This process's cache, or null when turned off. */
export function processFactsCache(): FactsCache | null {
  if (state.__tailorFactsCache === undefined) {
    state.__tailorFactsCache =
      process.env.TAILOR_MEMBERSHIP_CACHE === "off" ? null : new FactsCache(Number(process.env.TAILOR_MEMBERSHIP_CACHE_EVENTS) || 2_000_000);
  }
  return state.__tailorFactsCache;
}
