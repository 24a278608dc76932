/**
 * Decisions read returning visitors from memory. A visitor is loaded once with what every live
 * experience of the workspace reads (not only the asked slot's), kept for up to `TTL_MS`, and
 * forgotten the moment anything it was read from changes:
 * - database triggers (migration 0011) NOTIFY every process on commit, on channel
 *   `tailor_visitors`, of the profiles, identities, events, segment memberships and impressions a
 *   statement changed (see that migration for the messages);
 * - this process's own ingestion, membership writes and deletions also forget at once
 *   (`forgetVisitors`), so a decision right after a write in the same process never sees the old
 *   facts while the notification is on its way.
 * A load that was in flight while any notification arrived serves its decision but is not kept
 * (it may have read a snapshot older than the change). A heartbeat NOTIFY every few seconds
 * proves the listener still hears: when one goes missing, the cache is emptied and bypassed until
 * one arrives again. Frequency caps: a kept visitor counts the impressions this process records
 * for it since the load (`noteImpression`); other processes' impressions arrive as notifications.
 * A kept visitor is trimmed to the event properties the config reads and stored serialized, off the
 * JS heap, so garbage collections do not trace it (`trimEvents`, `Entry.packed`).
 * A load for the cache reads far more than one decision needs, so keeping pays only when visitors
 * come back: every `TAILOR_VISITOR_CACHE_WINDOW` lookups (default 2,000) the cache checks how many
 * found their visitor remembered, and below half — once it is full or a TTL old, so not merely new —
 * it goes *lean*: misses load only what the asked experiences read, as without a cache, and
 * remember just the key, until six in ten would have hit.
 * `TAILOR_VISITOR_CACHE=off` turns it off; `TAILOR_VISITOR_CACHE_MAX` (entries, default 100,000)
 * and `TAILOR_VISITOR_CACHE_TTL_S` (default 300) size it. See docs/personalization.md.
 */
import "server-only";
import v8 from "node:v8";
import { onDatabaseClose, PROCESS_TAG, type Database } from "@/db/client";
import { addPropertyNeeds } from "@/lib/membership/rule-needs";
import type { Rule } from "@/lib/rules/ast";
import type { EventFact } from "@/lib/rules/evaluate";
import { loadVisitor, visitorReads, type Visitor } from "./load-visitor";
import { preparedRunner } from "./run-prepared";
import type { CompiledExperience, WorkspaceConfig } from "./workspace-config";

const CHANNEL = "tailor_visitors";
const HEARTBEAT_MS = 5_000;

interface Entry {
  key: string;
  profileKey: string | null;
  /** The config the reads were made for: another config may read other events. */
  fingerprint: string;
  /**
   * The visitor, `v8.serialize`d: one buffer outside the JS heap instead of hundreds of objects on
   * it, so garbage collections do not trace kept visitors (their marking made the decision server
   * stall; docs/personalization.md, Speed). Each hit deserializes a fresh copy (~20 µs).
   */
  packed: Buffer;
  /** Lean mode remembers only that the visitor was looked up (no visitor): a later lookup counts as one that would have hit. */
  ghost?: true;
  /** Impressions this process recorded since the load, per capped experience id (added to the packed counts). */
  seen: Map<string, number> | null;
  /** Some event is stamped after the load: views drop the ones after their `now`. */
  future: boolean;
  /** The decision time it was loaded for: it serves decision times in [loadNow, loadNow + TTL). */
  loadNow: number;
  /** Wall-clock expiry. */
  expiresAt: number;
}

type Status = "starting" | "on" | "off";

interface Cache {
  status: Status;
  pglite: boolean;
  entries: Map<string, Entry>;
  /** workspace\0profile id → keys of the entries loaded for that profile. */
  byProfile: Map<string, Set<string>>;
  pending: Map<string, { fingerprint: string; loadNow: number; promise: Promise<Entry> }>;
  /** Bumped by every notification that forgets something: a load that saw it change is not kept. */
  epoch: number;
  /**
   * Heartbeat pings: the last sent and the highest heard, and `ready`, a ping sent once listening
   * (or once the cache went off): hearing it, or a later one, turns the cache on.
   */
  ping: { sent: number; seen: number; ready: number };
  timer: NodeJS.Timeout | null;
  stats: { hits: number; misses: number; bypassed: number; lean: number };
  /** Lean: misses load only the asked experiences' reads and are not kept (visitors rarely come back). */
  lean: boolean;
  /** This window's lookups and those that found their visitor remembered (kept, loading or a ghost). */
  window: { lookups: number; remembered: number };
  /** When the cache was last empty: a cache that is neither full nor a TTL old finds few visitors because it is new, so it does not go lean. */
  emptiedAt: number;
  /** Read from the environment once, when the cache starts. */
  ttlMs: number;
  maxEntries: number;
  windowSize: number;
}

/** Below this share of remembered lookups in a window the cache goes lean; at or above LEAVE_LEAN it keeps visitors again. */
const ENTER_LEAN = 0.5;
const LEAVE_LEAN = 0.6;

export interface VisitorCacheStats {
  status: Status;
  /** "lean" while visitors rarely come back: misses are loaded for the asked slot only and not kept. */
  mode: "keep" | "lean";
  /** Visitors kept (ghosts of lean mode not counted). */
  entries: number;
  hits: number;
  /** Loads made to keep the visitor. */
  misses: number;
  bypassed: number;
  /** Loads made in lean mode (not kept). */
  lean: number;
}

// By name, on globalThis: Next.js bundles a module into several chunks, and a hot reload runs it again.
const hookState = globalThis as unknown as { __tailorChangeNoticeHooks?: Map<"config" | "keys", (workspaceId: string | null) => void> };
const noticeHooks = (hookState.__tailorChangeNoticeHooks ??= new Map());

/**
 * Runs `hook` when another process (or plain SQL) changes a workspace's slots or experiences
 * ("config", with the workspace) or API keys and allowed origins ("keys"). Heard by the visitor
 * cache's listener, so only in a process that decides. One hook per kind.
 */
export function onChangeNotice(kind: "config" | "keys", hook: (workspaceId: string | null) => void): void {
  noticeHooks.set(kind, hook);
}

// On globalThis, so a hot reload in development keeps one listener per database, not one per reload.
const state = globalThis as unknown as { __tailorVisitorCaches?: WeakMap<Database, Cache | null> };
const caches = (state.__tailorVisitorCaches ??= new WeakMap());

const enabled = () => process.env.TAILOR_VISITOR_CACHE !== "off";

const keyOf = (workspaceId: string, targetingKey: string) => `${workspaceId}\u0000${targetingKey}`;

interface ListenClient {
  /** postgres.js: (channel, onnotify, onlisten) → Promise; PGlite: (channel, callback) → Promise. */
  listen: (channel: string, fn: (payload: string) => void, onlisten?: () => void) => Promise<unknown>;
  unsafe?: unknown;
}

function cacheOf(db: Database): Cache | null {
  const known = caches.get(db);
  if (known !== undefined) return known;
  const client = (db as unknown as { $client?: Partial<ListenClient> }).$client;
  if (!enabled() || typeof client?.listen !== "function") {
    caches.set(db, null);
    return null;
  }
  const cache: Cache = {
    status: "starting",
    pglite: typeof client.unsafe !== "function",
    entries: new Map(),
    byProfile: new Map(),
    pending: new Map(),
    epoch: 0,
    ping: { sent: 0, seen: 0, ready: 0 },
    timer: null,
    stats: { hits: 0, misses: 0, bypassed: 0, lean: 0 },
    lean: false,
    window: { lookups: 0, remembered: 0 },
    emptiedAt: Date.now(),
    ttlMs: (Number(process.env.TAILOR_VISITOR_CACHE_TTL_S) || 300) * 1000,
    maxEntries: Number(process.env.TAILOR_VISITOR_CACHE_MAX) || 100_000,
    windowSize: Number(process.env.TAILOR_VISITOR_CACHE_WINDOW) || 2_000,
  };
  caches.set(db, cache);
  start(db, cache, client as ListenClient);
  return cache;
}

function start(db: Database, cache: Cache, client: ListenClient): void {
  const onNotify = (payload: string) => receive(cache, payload);
  // postgres.js calls onlisten on every (re)connection of its listening connection. What was said
  // while it was away is lost: forget everything and serve from the database until a ping is heard.
  const onListen = () => {
    cache.status = "starting";
    clear(cache);
    cache.ping.ready = sendPing(db, cache).n;
  };
  const listening = cache.pglite ? client.listen(CHANNEL, onNotify) : client.listen(CHANNEL, onNotify, onListen);
  listening.then(
    () => onListen(),
    (error: unknown) => {
      console.error("[tailor] the visitor cache cannot listen for changes; decisions read every visitor from the database", error);
      cache.status = "off";
    },
  );
  cache.timer = setInterval(() => void beat(db, cache), HEARTBEAT_MS);
  cache.timer.unref?.();
  onDatabaseClose(db, () => {
    if (cache.timer) clearInterval(cache.timer);
    cache.timer = null;
    cache.status = "off";
    clear(cache);
    caches.set(db, null);
  });
}

/** The heartbeat: the previous ping must have come back, or the cache is off until one does. */
async function beat(db: Database, cache: Cache): Promise<void> {
  if (!cache.timer) return;
  if (cache.status === "on" && cache.ping.seen < cache.ping.sent) {
    console.error("[tailor] the visitor cache stopped hearing change notifications; reading visitors from the database until it hears again");
    cache.status = "off";
    clear(cache);
  }
  const ping = sendPing(db, cache);
  if (cache.status !== "on") cache.ping.ready = ping.n;
  await ping.done;
}

/** Sends the next ping (numbered at once); `done` never rejects. */
function sendPing(db: Database, cache: Cache): { n: number; done: Promise<void> } {
  const n = ++cache.ping.sent;
  const done = preparedRunner(db)("select pg_notify($1, $2)", [CHANNEL, JSON.stringify({ ping: n, t: PROCESS_TAG })]).then(
    () => {},
    // The database is unreachable: the missing ping turns the cache off at the next beat.
    () => {},
  );
  return { n, done };
}

interface Message {
  w?: string;
  config?: string[];
  keys?: boolean;
  all?: boolean;
  p?: string[];
  k?: string[];
  i?: string[];
  o?: string;
  ping?: number;
  t?: string;
}

function receive(cache: Cache, payload: string): void {
  let m: Message;
  try {
    m = JSON.parse(payload) as Message;
  } catch {
    return;
  }
  if (m.ping !== undefined) {
    if (m.t !== PROCESS_TAG) return;
    cache.ping.seen = Math.max(cache.ping.seen, m.ping);
    if (cache.status !== "on" && cache.ping.ready > 0 && cache.ping.seen >= cache.ping.ready) {
      // Back (or first) on: whatever was kept may have missed notifications.
      clear(cache);
      cache.status = "on";
    }
    return;
  }
  if (m.config || m.keys) {
    // Not about visitors: the workspace config or the client keys changed (migration 0012).
    if (m.config) noticeHooks.get("config")?.(m.w ?? null);
    if (m.keys) noticeHooks.get("keys")?.(null);
    return;
  }
  if (m.i && (cache.pglite || m.o?.endsWith(` ${PROCESS_TAG}`))) return; // our own impressions: counted already
  cache.epoch++;
  if (!m.w) return clear(cache);
  if (m.all) {
    for (const [key, entry] of cache.entries) if (key.startsWith(`${m.w}\u0000`)) drop(cache, entry);
    return;
  }
  for (const id of m.p ?? []) forgetProfile(cache, m.w, id);
  for (const key of [...(m.k ?? []), ...(m.i ?? [])]) {
    const entry = cache.entries.get(keyOf(m.w, key));
    if (entry) drop(cache, entry);
  }
}

function clear(cache: Cache): void {
  cache.entries.clear();
  cache.byProfile.clear();
  cache.epoch++;
  cache.emptiedAt = Date.now();
}

function drop(cache: Cache, entry: Entry): void {
  cache.entries.delete(entry.key);
  if (!entry.profileKey) return;
  const keys = cache.byProfile.get(entry.profileKey);
  keys?.delete(entry.key);
  if (keys?.size === 0) cache.byProfile.delete(entry.profileKey);
}

function forgetProfile(cache: Cache, workspaceId: string, profileId: string): void {
  const keys = cache.byProfile.get(keyOf(workspaceId, profileId));
  if (!keys) return;
  for (const key of [...keys]) {
    const entry = cache.entries.get(key);
    if (entry) drop(cache, entry);
  }
}

function keep(cache: Cache, entry: Entry): void {
  const old = cache.entries.get(entry.key);
  if (old) drop(cache, old);
  cache.entries.set(entry.key, entry);
  if (entry.profileKey) {
    const keys = cache.byProfile.get(entry.profileKey);
    if (keys) keys.add(entry.key);
    else cache.byProfile.set(entry.profileKey, new Set([entry.key]));
  }
  const max = cache.maxEntries;
  // Map order is insertion order, and hits re-insert: the first entries are the least recently used.
  for (const oldest of cache.entries.values()) {
    if (cache.entries.size <= max) break;
    drop(cache, oldest);
  }
}

const everyExperience = new WeakMap<WorkspaceConfig, CompiledExperience[]>();
function experiencesOf(config: WorkspaceConfig): CompiledExperience[] {
  let all = everyExperience.get(config);
  if (!all) {
    all = [...config.slots.values()].flatMap((s) => s.experiences);
    everyExperience.set(config, all);
  }
  return all;
}

/**
 * What a kept visitor's events must keep, for trimming the rest: most of a kept visitor is its
 * events' properties, and a smaller heap makes every garbage collection of the decision server
 * shorter. `keys`: event name → the top-level properties `config`'s rules and suppressions read;
 * `latest`: names a template reads as `events.last[...]`, whose newest event keeps everything.
 * Null when some template reads events by other means (keep everything).
 */
export interface KeptProperties {
  keys: Map<string, string[]>;
  latest: Set<string>;
  /** One string per event name: every kept event shares it instead of its own copy from the row. */
  names: Map<string, string>;
}
const kept = new WeakMap<WorkspaceConfig, KeptProperties | null>();
export function keptEventProperties(config: WorkspaceConfig): KeptProperties | null {
  if (kept.has(config)) return kept.get(config)!;
  const experiences = experiencesOf(config);
  const rules = experiences.flatMap((e) => [...e.rules.flatMap((r) => (r.kind === "rule" ? [r.rule] : [])), ...(e.suppression ? [e.suppression.rule] : [])]);
  const result = experiences.some((e) => e.readsAnyEvent) ? null : keptPropertiesFor(rules, experiences.flatMap((e) => e.lastEvents));
  kept.set(config, result);
  return result;
}

/** What events must keep for `rules` and for templates reading `events.last` of `latestNames`. */
export function keptPropertiesFor(rules: readonly Rule[], latestNames: readonly string[]): KeptProperties {
  const needs = new Map<string, Set<string>>();
  for (const rule of rules) addPropertyNeeds(rule, needs);
  const latest = new Set(latestNames);
  const names = new Map([...needs.keys(), ...latest].map((name) => [name, name]));
  return { keys: new Map([...needs].map(([name, keys]) => [name, [...keys]])), latest, names };
}

const NO_PROPERTIES: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/**
 * Trims freshly loaded events in place to what `kept` says is read, for decisions at `loadNow` or
 * later. Of a name templates read, every event from the newest at `loadNow` on keeps everything
 * (a later decision's `events.last` is that one or a newer one); names `kept` does not know stay whole.
 */
export function trimEvents(events: EventFact[], kept: KeptProperties, loadNow: number): void {
  const newest = new Map<string, number>();
  for (const e of events) {
    const t = e.timestamp.getTime();
    if (kept.latest.has(e.event) && t <= loadNow && t > (newest.get(e.event) ?? -Infinity)) newest.set(e.event, t);
  }
  for (const e of events) {
    e.event = kept.names.get(e.event) ?? e.event;
    const keys = kept.keys.get(e.event);
    const p = e.properties;
    if (!keys || typeof p !== "object" || p === null) continue;
    if (kept.latest.has(e.event) && e.timestamp.getTime() >= (newest.get(e.event) ?? -Infinity)) continue;
    const present = keys.filter((k) => Object.hasOwn(p, k));
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    e.properties = present.length === 0 ? NO_PROPERTIES : Object.fromEntries(present.map((k) => [k, p[k]]));
  }
}

/** A fresh copy of the kept visitor as a decision at `now` sees it. */
function viewAt(entry: Entry, now: Date): Visitor {
  const visitor = v8.deserialize(entry.packed) as Visitor;
  if (entry.seen) {
    for (const [experienceId, n] of entry.seen) {
      const counts = visitor.impressions.get(experienceId);
      if (counts) {
        counts.day += n;
        counts.week += n;
      }
    }
  }
  if (entry.future) {
    const t = now.getTime();
    visitor.events = visitor.events.filter((e) => e.timestamp.getTime() <= t);
  }
  return visitor;
}

/** A load serves decision times in [loadNow, loadNow + TTL) under its config: its windows start no later, its events end no earlier. */
function serves(loaded: { fingerprint: string; loadNow: number }, config: WorkspaceConfig, t: number, ttl: number): boolean {
  return loaded.fingerprint === config.fingerprint && t >= loaded.loadNow && t < loaded.loadNow + ttl;
}

export interface VisitorRequest {
  workspaceId: string;
  targetingKey: string;
  now: Date;
  /** The experiences being decided: what an uncached load reads. */
  candidates: readonly CompiledExperience[];
}

/**
 * The visitor for a decision under `config`: from memory when kept and current, else loaded (on
 * `via`, the decision pool, when given) with what all of `config`'s experiences read, and kept.
 */
export function visitorFor(db: Database, config: WorkspaceConfig, request: VisitorRequest, via: Database = db): Promise<Visitor> {
  const { workspaceId, targetingKey, now } = request;
  const cache = cacheOf(db);
  if (!cache || cache.status !== "on") {
    if (cache) cache.stats.bypassed++;
    return loadVisitor(db, visitorReads(workspaceId, targetingKey, now, request.candidates), via);
  }
  const key = keyOf(workspaceId, targetingKey);
  const entry = cache.entries.get(key);
  const t = now.getTime();
  const current = entry !== undefined && serves(entry, config, t, cache.ttlMs) && Date.now() < entry.expiresAt;
  if (current && !entry.ghost) {
    tally(cache, true);
    cache.stats.hits++;
    cache.entries.delete(key);
    cache.entries.set(key, entry);
    return Promise.resolve(viewAt(entry, now));
  }
  const pending = cache.pending.get(key);
  if (pending && serves(pending, config, t, cache.ttlMs)) {
    tally(cache, true);
    return pending.promise.then((loaded) => viewAt(loaded, now));
  }
  tally(cache, current);
  const epoch = cache.epoch;
  const ttl = cache.ttlMs;
  const loadedAt = Date.now();
  if (cache.lean) return loadLean(db, cache, request, via, { key, t, epoch, fingerprint: config.fingerprint, expiresAt: loadedAt + ttl });
  cache.stats.misses++;
  const reads = { ...visitorReads(workspaceId, targetingKey, now, experiencesOf(config)), eventsUntil: new Date(t + ttl) };
  const promise = loadVisitor(db, reads, via).then(
    (visitor): Entry => {
      if (cache.pending.get(key)?.promise === promise) cache.pending.delete(key);
      const props = keptEventProperties(config);
      if (props) trimEvents(visitor.events, props, t);
      const loaded: Entry = {
        key,
        profileKey: visitor.profileId ? keyOf(workspaceId, visitor.profileId) : null,
        fingerprint: config.fingerprint,
        packed: v8.serialize(visitor),
        seen: null,
        future: visitor.events.some((e) => e.timestamp.getTime() > t),
        loadNow: t,
        expiresAt: loadedAt + ttl,
      };
      if (cache.epoch === epoch && cache.status === "on") keep(cache, loaded);
      return loaded;
    },
    (error: unknown) => {
      if (cache.pending.get(key)?.promise === promise) cache.pending.delete(key);
      throw error;
    },
  );
  cache.pending.set(key, { fingerprint: config.fingerprint, loadNow: t, promise });
  return promise.then((loaded) => viewAt(loaded, now));
}

/** Counts a lookup into the window; at the window's end the cache goes lean, or keeps again, by the share remembered. */
function tally(cache: Cache, remembered: boolean): void {
  const w = cache.window;
  w.lookups++;
  if (remembered) w.remembered++;
  if (w.lookups < cache.windowSize) return;
  const share = w.remembered / w.lookups;
  const settled = cache.entries.size >= cache.maxEntries || Date.now() - cache.emptiedAt >= cache.ttlMs;
  if (!cache.lean && share < ENTER_LEAN && settled) cache.lean = true;
  else if (cache.lean && share >= LEAVE_LEAN) cache.lean = false;
  w.lookups = 0;
  w.remembered = 0;
}

/** Lean mode: the asked experiences' reads only, as without a cache; remembers the key as a ghost. */
function loadLean(
  db: Database,
  cache: Cache,
  request: VisitorRequest,
  via: Database,
  ghost: { key: string; t: number; epoch: number; fingerprint: string; expiresAt: number },
): Promise<Visitor> {
  cache.stats.lean++;
  return loadVisitor(db, visitorReads(request.workspaceId, request.targetingKey, request.now, request.candidates), via).then((visitor) => {
    if (cache.epoch === ghost.epoch && cache.status === "on") {
      const profileKey = visitor.profileId ? keyOf(request.workspaceId, visitor.profileId) : null;
      keep(cache, { key: ghost.key, profileKey, fingerprint: ghost.fingerprint, packed: EMPTY, ghost: true, seen: null, future: false, loadNow: ghost.t, expiresAt: ghost.expiresAt });
    }
    return visitor;
  });
}
const EMPTY = Buffer.alloc(0);

/** Counts an impression this process records into the kept visitor, for its frequency caps. */
export function noteImpression(db: Database, workspaceId: string, targetingKey: string, experienceId: string): void {
  const entry = caches.get(db)?.entries.get(keyOf(workspaceId, targetingKey));
  if (!entry || entry.ghost) return;
  entry.seen ??= new Map();
  entry.seen.set(experienceId, (entry.seen.get(experienceId) ?? 0) + 1);
}

/**
 * Forgets visitors this process just changed (after its commit), without waiting for the
 * notification: profiles by id, and targeting keys (identities that may now name a profile).
 */
export function forgetVisitors(db: Database, workspaceId: string, changed: { profileIds?: Iterable<string>; keys?: Iterable<string | null> }): void {
  const cache = caches.get(db);
  if (!cache) return;
  cache.epoch++;
  for (const id of changed.profileIds ?? []) forgetProfile(cache, workspaceId, id);
  for (const key of changed.keys ?? []) {
    const entry = key === null ? undefined : cache.entries.get(keyOf(workspaceId, key));
    if (entry) drop(cache, entry);
  }
}

/**
 * Resolves once every change committed before the call has reached this process's listener
 * (one NOTIFY round trip); immediately when the cache is off. For paths that read right after a
 * write elsewhere, and for tests.
 */
export async function settleVisitorCache(db: Database, timeoutMs = 2_000): Promise<void> {
  const cache = cacheOf(db);
  if (!cache || !cache.timer) return;
  const ping = sendPing(db, cache);
  await ping.done;
  const until = Date.now() + timeoutMs;
  // While starting, also wait for the first ping heard since listening: one sent before may be lost.
  while ((cache.ping.seen < ping.n || cache.status === "starting") && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** How the cache of `db` is doing (for benchmarks and diagnostics). */
export function visitorCacheStats(db: Database): VisitorCacheStats | null {
  const cache = caches.get(db);
  if (!cache) return null;
  let ghosts = 0;
  if (cache.lean || cache.stats.lean > 0) for (const entry of cache.entries.values()) if (entry.ghost) ghosts++;
  return { status: cache.status, mode: cache.lean ? "lean" : "keep", entries: cache.entries.size - ghosts, ...cache.stats };
}
