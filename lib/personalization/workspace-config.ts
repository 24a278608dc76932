/**
 * Everything decide needs that changes only when someone edits: the slots and their live
 * experiences (as last published), compiled once per workspace and kept in memory. Writes in this
 * process invalidate at once; other processes pick changes up within `REFRESH_MS`. When the
 * database cannot be read, the last good copy keeps serving (so defaults survive an outage).
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { experiences, experienceVersions, slots } from "@/db/schema";
import { nodeSchema, type Node, type Rule } from "@/lib/rules/ast";
import { compileEvaluator, type Evaluator } from "@/lib/rules/evaluate";
import { compileContent, type CompiledContent } from "./render-content";
import type { ExperienceConfig, SlotField } from "./schemas";

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
  at: number;
  value?: WorkspaceConfig;
  pending?: Promise<WorkspaceConfig>;
}
const state = globalThis as unknown as { __tailorExperienceCache?: Map<string, Entry> };
const cache = (state.__tailorExperienceCache ??= new Map());

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
  const stamp: string[] = [];
  for (const s of slotRows) {
    const slot: CompiledSlot = { id: s.id, key: s.key, name: s.name, fields: s.fields as SlotField[], experiences: [] };
    result.set(s.key, slot);
    byId.set(s.id, slot);
    stamp.push(`${s.key}@${s.updatedAt.getTime()}`);
  }
  for (const row of liveRows) {
    const slot = byId.get(row.slotId);
    if (!slot) continue;
    try {
      slot.experiences.push(compileExperience(row.id, row.version, row.snapshot as ExperienceConfig, slot.fields));
      stamp.push(`${row.id}@${row.version}`);
    } catch (error) {
      // A snapshot that no longer compiles (e.g. the slot's fields changed) is skipped, loudly.
      console.error(`[tailor] experience ${row.id} v${row.version} cannot be compiled and is not served`, error);
    }
  }
  for (const slot of result.values()) slot.experiences.sort((a, b) => a.priority - b.priority || a.key.localeCompare(b.key));
  return { slots: result, fingerprint: stamp.sort().join("|") };
}

/** The cached config of a workspace; stale-but-good when the database fails. */
export async function getWorkspaceConfig(db: Database, workspaceId: string): Promise<WorkspaceConfig> {
  const entry = cache.get(workspaceId) ?? { at: 0 };
  cache.set(workspaceId, entry);
  if (entry.value && Date.now() - entry.at < REFRESH_MS) return entry.value;
  entry.pending ??= loadWorkspaceConfig(db, workspaceId).finally(() => {
    entry.pending = undefined;
  });
  try {
    const value = await entry.pending;
    entry.value = value;
    entry.at = Date.now();
    return value;
  } catch (error) {
    if (entry.value) return entry.value;
    throw error;
  }
}

/** The last good config of a workspace without touching the database, if any. */
export function peekWorkspaceConfig(workspaceId: string): WorkspaceConfig | undefined {
  return cache.get(workspaceId)?.value;
}

/** Marks a workspace's config stale after a change (the old copy stays as an outage fallback). */
export function invalidateWorkspaceConfig(workspaceId: string): void {
  const entry = cache.get(workspaceId);
  if (entry) entry.at = 0;
}
