/**
 * Everything decide needs that changes only when someone edits: the slots and their live
 * experiences (as last published), compiled once per workspace and kept in memory. Writes in this
 * process invalidate at once, and so do other processes' writes, heard as notifications (see
 * visitor-cache.ts); as a fallback, a cheap version check runs in the background every `REFRESH_MS`
 * (snapshots are re-read and recompiled only when something changed).
 * When the database cannot be read, the last good copy keeps serving (so defaults survive an outage).
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { experiences, experienceVersions, slots } from "@/db/schema";
import { nodeSchema, type Node, type Rule } from "@/lib/rules/ast";
import { compileEvaluator, type Evaluator } from "@/lib/rules/evaluate";
import { compileContent, type CompiledContent } from "./render-content";
import type { ExperienceConfig, SlotField } from "./schemas";
import { onChangeNotice } from "./visitor-cache";

export type CompiledRule =
  | { id: string; variant: string; kind: "segments"; segments: string[] }
  | { id: string; variant: string; kind: "rule"; rule: Rule; test: Evaluator }
  | { id: string; variant: string; kind: "everyone" };

export interface CompiledExperience {
  id: string;
  key: string;
  name: string;
  version: number;
  priority: number;
  start: number | null;
  end: number | null;
  holdoutPercent: number;
  frequencyCap: ExperienceConfig["frequencyCap"];
  suppression: { event: string; rule: Rule; test: Evaluator } | null;
  goalEvent: string | null;
  rules: CompiledRule[];
  variants: Map<string, { name: string; content: CompiledContent }>;
  defaultVariant: string;
  /** Events the templates read as `events.last[...]`. */
  lastEvents: string[];
  /** Some template reads `events` by other means than `events.last["Name"]`, so any event's properties. */
  readsAnyEvent: boolean;
  /** Whether some variant holds a recommendation block (decide then warms the popular list). */
  recommends: boolean;
}

export interface CompiledSlot {
  id: string;
  key: string;
  name: string;
  fields: SlotField[];
  /** Live experiences, highest priority (lowest number) first. */
  experiences: CompiledExperience[];
}

export interface WorkspaceConfig {
  slots: Map<string, CompiledSlot>;
  /** Stable across reloads while nothing changed; part of the bulk ETag. */
  fingerprint: string;
}

const REFRESH_MS = 5_000;
interface Entry {
  /** Bumped by every write in this process: a config loaded for an older generation is outdated. */
  gen: number;
  value?: WorkspaceConfig;
  valueGen?: number;
  /** When `value` was loaded or last found unchanged. */
  at: number;
  pending?: Promise<WorkspaceConfig>;
  pendingGen?: number;
}
const state = globalThis as unknown as { __tailorWorkspaceConfigs?: Map<string, Entry> };
const cache = (state.__tailorWorkspaceConfigs ??= new Map());

function asRule(json: unknown): Rule {
  return nodeSchema.parse(json) as Rule;
}

function compileExperience(id: string, version: number, config: ExperienceConfig, fields: SlotField[]): CompiledExperience {
  const suppressionRule = config.suppression
    ? asRule({ type: "event", event: config.suppression.event, filters: config.suppression.filters } satisfies Partial<Node>)
    : null;
  const variants = new Map(Object.entries(config.variants).map(([key, v]) => [key, { name: v.name, content: compileContent(fields, v.content) }]));
  return {
    id,
    key: config.key,
    name: config.name,
    version,
    priority: config.priority,
    start: config.scheduleStart ? Date.parse(config.scheduleStart) : null,
    end: config.scheduleEnd ? Date.parse(config.scheduleEnd) : null,
    holdoutPercent: config.holdoutPercent,
    frequencyCap: config.frequencyCap,
    suppression: suppressionRule && config.suppression ? { event: config.suppression.event, rule: suppressionRule, test: compileEvaluator(suppressionRule) } : null,
    goalEvent: config.goalEvent,
    rules: config.rules.map((r): CompiledRule => {
      const a = r.audience;
      if ("segments" in a) return { id: r.id, variant: r.variant, kind: "segments", segments: a.segments };
      if ("rule" in a) {
        const rule = asRule(a.rule);
        return { id: r.id, variant: r.variant, kind: "rule", rule, test: compileEvaluator(rule) };
      }
      return { id: r.id, variant: r.variant, kind: "everyone" };
    }),
    variants,
    defaultVariant: config.defaultVariant,
    lastEvents: [...new Set([...variants.values()].flatMap((v) => v.content.lastEvents))],
    readsAnyEvent: [...variants.values()].some((v) => v.content.readsAnyEvent),
    recommends: [...variants.values()].some((v) => v.content.recommendations.length > 0),
  };
}

/** Reads and compiles a workspace's slots and live experiences (bypassing the cache). */
export async function loadWorkspaceConfig(db: Database, workspaceId: string): Promise<WorkspaceConfig> {
  const [slotRows, liveRows] = await Promise.all([
    db.select().from(slots).where(eq(slots.workspaceId, workspaceId)),
    db
      .select({ id: experiences.id, slotId: experiences.slotId, version: experiences.version, snapshot: experienceVersions.snapshot, updatedAt: experiences.updatedAt })
      .from(experiences)
      .innerJoin(experienceVersions, and(eq(experienceVersions.experienceId, experiences.id), eq(experienceVersions.version, experiences.version)))
      .where(and(eq(experiences.workspaceId, workspaceId), eq(experiences.status, "live"))),
  ]);
  const result = new Map<string, CompiledSlot>();
  const byId = new Map<string, CompiledSlot>();
  for (const s of slotRows) {
    const slot: CompiledSlot = { id: s.id, key: s.key, name: s.name, fields: s.fields as SlotField[], experiences: [] };
    result.set(s.key, slot);
    byId.set(s.id, slot);
  }
  for (const row of liveRows) {
    const slot = byId.get(row.slotId);
    if (!slot) continue;
    try {
      slot.experiences.push(compileExperience(row.id, row.version, row.snapshot as ExperienceConfig, slot.fields));
    } catch (error) {
      // A snapshot that no longer compiles (e.g. the slot's fields changed) is skipped, loudly.
      console.error(`[tailor] experience ${row.id} v${row.version} cannot be compiled and is not served`, error);
    }
  }
  for (const slot of result.values()) slot.experiences.sort((a, b) => a.priority - b.priority || a.key.localeCompare(b.key));
  return { slots: result, fingerprint: fingerprintOf(slotRows, liveRows) };
}

/** Slots by key and change time, live experiences by id and version: equal while nothing was edited. */
function fingerprintOf(slotRows: { key: string; updatedAt: Date }[], liveRows: { id: string; version: number }[]): string {
  return [...slotRows.map((s) => `${s.key}@${s.updatedAt.getTime()}`), ...liveRows.map((r) => `${r.id}@${r.version}`)].sort().join("|");
}

/** The fingerprint of what is live now, from the slots' and live experiences' versions only (cheap). */
async function currentFingerprint(db: Database, workspaceId: string): Promise<string> {
  const [slotRows, liveRows] = await Promise.all([
    db.select({ key: slots.key, updatedAt: slots.updatedAt }).from(slots).where(eq(slots.workspaceId, workspaceId)),
    db.select({ id: experiences.id, version: experiences.version }).from(experiences).where(and(eq(experiences.workspaceId, workspaceId), eq(experiences.status, "live"))),
  ]);
  return fingerprintOf(slotRows, liveRows);
}

/** Starts loading the config for the entry's current generation (re-using `value` when nothing changed). */
function startLoad(db: Database, workspaceId: string, entry: Entry): Promise<WorkspaceConfig> {
  const gen = entry.gen;
  const known = entry.valueGen === gen ? entry.value : undefined;
  const pending: Promise<WorkspaceConfig> = (async () => {
    const value = known && (await currentFingerprint(db, workspaceId)) === known.fingerprint ? known : await loadWorkspaceConfig(db, workspaceId);
    if (entry.valueGen === undefined || gen >= entry.valueGen) {
      entry.value = value;
      entry.valueGen = gen;
      entry.at = Date.now();
    }
    return value;
  })().finally(() => {
    if (entry.pending === pending) entry.pending = undefined;
  });
  pending.catch(() => {}); // a failed background refresh keeps the last good copy
  entry.pending = pending;
  entry.pendingGen = gen;
  return pending;
}

/**
 * The cached config of a workspace. Older than `REFRESH_MS` it is still served while a background
 * check reloads it (when anything changed), so requests never wait for the periodic refresh; after
 * a write in this process, or with nothing cached, callers wait for the new one. Stale-but-good
 * when the database fails.
 */
export async function getWorkspaceConfig(db: Database, workspaceId: string): Promise<WorkspaceConfig> {
  let entry = cache.get(workspaceId);
  if (!entry) {
    entry = { gen: 0, at: 0 };
    cache.set(workspaceId, entry);
  }
  const current = entry.value !== undefined && entry.valueGen === entry.gen;
  if (current && Date.now() - entry.at < REFRESH_MS) return entry.value!;
  const pending = entry.pending && entry.pendingGen === entry.gen ? entry.pending : startLoad(db, workspaceId, entry);
  if (current) return entry.value!;
  try {
    return await pending;
  } catch (error) {
    if (entry.value) return entry.value;
    throw error;
  }
}

/** The config when it is cached and current (no database, no promise), else undefined. */
export function currentWorkspaceConfig(workspaceId: string): WorkspaceConfig | undefined {
  const entry = cache.get(workspaceId);
  return entry?.value && entry.valueGen === entry.gen && Date.now() - entry.at < REFRESH_MS ? entry.value : undefined;
}

/** The last good config of a workspace without touching the database, if any. */
export function peekWorkspaceConfig(workspaceId: string): WorkspaceConfig | undefined {
  return cache.get(workspaceId)?.value;
}

// Changes written by other processes arrive as notifications (migration 0012), so they too take effect at once.
onChangeNotice("config", (workspaceId) => {
  if (workspaceId) invalidateWorkspaceConfig(workspaceId);
});

/** Marks a workspace's config stale after a change (the old copy stays as an outage fallback). */
export function invalidateWorkspaceConfig(workspaceId: string): void {
  const entry = cache.get(workspaceId);
  if (entry) entry.gen++;
}
