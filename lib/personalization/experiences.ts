/**
 * Experiences: create, edit, publish, pause, delete. Edits change the draft; only `publish`
 * snapshots it into `experience_versions` and makes that snapshot what visitors get.
 */
import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { experiences, experienceVersions, slots, type Experience } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { createExperienceSchema, updateExperienceSchema, type Audience, type ExperienceConfig, type SlotField } from "./schemas";
import { getSlotByKey } from "./slots";
import { validateExperience } from "./validate-experience";
import { invalidateWorkspaceConfig } from "./workspace-config";

type Scope = { workspaceId: string; actor: Actor };
type Row = Experience & { slotKey: string };

const toIso = (d: Date | null) => (d ? d.toISOString() : null);

/** The stored draft of an experience as a config. */
export function configOf(row: Row): ExperienceConfig {
  return {
    key: row.key,
    name: row.name,
    slot: row.slotKey,
    priority: row.priority,
    scheduleStart: toIso(row.scheduleStart),
    scheduleEnd: toIso(row.scheduleEnd),
    timeZone: row.timeZone,
    holdoutPercent: row.holdoutPercent,
    frequencyCap: row.frequencyCap as ExperienceConfig["frequencyCap"],
    suppression: row.suppression as ExperienceConfig["suppression"],
    goalEvent: row.goalEvent,
    rules: row.rules as ExperienceConfig["rules"],
    variants: row.variants as ExperienceConfig["variants"],
    defaultVariant: row.defaultVariant,
  };
}

/** The public shape of an experience. */
export function presentExperience(row: Row) {
  return { ...configOf(row), status: row.status, version: row.version, publishedAt: row.publishedAt, createdAt: row.createdAt, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

function columnsOf(config: ExperienceConfig, slotId: string) {
  return {
    name: config.name,
    slotId,
    priority: config.priority,
    scheduleStart: config.scheduleStart ? new Date(config.scheduleStart) : null,
    scheduleEnd: config.scheduleEnd ? new Date(config.scheduleEnd) : null,
    timeZone: config.timeZone,
    holdoutPercent: config.holdoutPercent,
    frequencyCap: config.frequencyCap,
    suppression: config.suppression,
    goalEvent: config.goalEvent,
    rules: config.rules,
    variants: config.variants,
    defaultVariant: config.defaultVariant,
  };
}

const selection = { experience: experiences, slotKey: slots.key };

/** Experiences of a workspace, optionally of one slot. */
export async function listExperiences(db: Database, workspaceId: string, filter: { slot?: string } = {}): Promise<Row[]> {
  const rows = await db
    .select(selection)
    .from(experiences)
    .innerJoin(slots, eq(slots.id, experiences.slotId))
    .where(and(eq(experiences.workspaceId, workspaceId), filter.slot ? eq(slots.key, filter.slot) : undefined))
    .orderBy(asc(slots.key), asc(experiences.priority), asc(experiences.key));
  return rows.map((r) => ({ ...r.experience, slotKey: r.slotKey }));
}

/** One experience by key, or 404. */
export async function getExperienceByKey(db: Database, workspaceId: string, key: string): Promise<Row> {
  const [row] = await db
    .select(selection)
    .from(experiences)
    .innerJoin(slots, eq(slots.id, experiences.slotId))
    .where(and(eq(experiences.workspaceId, workspaceId), eq(experiences.key, key)));
  if (!row) throw new AppError("not_found", `Experience "${key}" was not found in this workspace.`);
  return { ...row.experience, slotKey: row.slotKey };
}

/** Creates a draft experience. */
export async function createExperience(db: Database, scope: Scope, body: unknown): Promise<Row> {
  const input = createExperienceSchema.parse(body);
  const slot = await getSlotByKey(db, scope.workspaceId, input.slot).catch(() => {
    throw new AppError("validation_failed", `No slot "${input.slot}" in this workspace; create it first.`, [{ path: ["slot"], message: `No slot "${input.slot}"` }]);
  });
  const config = await validateExperience(db, scope.workspaceId, input, slot.fields as SlotField[]);
  const [row] = await db
    .insert(experiences)
    .values({ workspaceId: scope.workspaceId, key: input.key, ...columnsOf(config, slot.id), updatedBy: scope.actor.label })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError("conflict", `An experience with key "${input.key}" already exists; choose another key.`);
  await recordAudit(db, { workspaceId: scope.workspaceId, actor: scope.actor, action: "experience.created", entityType: "experience", entityId: row.key, after: config });
  return { ...row, slotKey: slot.key };
}

/** Edits the draft (fields omitted keep their value); `status` may pause or return to draft. */
export async function updateExperience(db: Database, scope: Scope, key: string, body: unknown): Promise<Row> {
  const current = await getExperienceByKey(db, scope.workspaceId, key);
  const { status, ...fields } = updateExperienceSchema.parse(body);
  if ("key" in fields && fields.key !== key) {
    throw new AppError("validation_failed", "An experience's key cannot change.", [{ path: ["key"], message: "Cannot change" }]);
  }
  const before = configOf(current);
  // Omitted fields keep their stored value; the merged whole is validated like a new experience.
  const merged = createExperienceSchema.parse({ ...before, ...fields, key });
  const slot = await getSlotByKey(db, scope.workspaceId, merged.slot);
  const config = await validateExperience(db, scope.workspaceId, merged, slot.fields as SlotField[]);
  const [row] = await db
    .update(experiences)
    .set({ ...columnsOf(config, slot.id), ...(status ? { status } : {}), updatedAt: new Date(), updatedBy: scope.actor.label })
    .where(and(eq(experiences.workspaceId, scope.workspaceId), eq(experiences.id, current.id)))
    .returning();
  await recordAudit(db, {
    workspaceId: scope.workspaceId, actor: scope.actor, action: status && status !== current.status ? `experience.${status === "paused" ? "paused" : "unpublished"}` : "experience.updated",
    entityType: "experience", entityId: key, before: { ...before, status: current.status }, after: { ...config, status: row.status },
  });
  invalidateWorkspaceConfig(scope.workspaceId);
  return { ...row, slotKey: slot.key };
}

/** Deletes an experience and its versions (impressions and conversions stay for reporting). */
export async function deleteExperience(db: Database, scope: Scope, key: string): Promise<void> {
  const current = await getExperienceByKey(db, scope.workspaceId, key);
  await db.delete(experiences).where(and(eq(experiences.workspaceId, scope.workspaceId), eq(experiences.id, current.id)));
  await recordAudit(db, { workspaceId: scope.workspaceId, actor: scope.actor, action: "experience.deleted", entityType: "experience", entityId: key, before: { ...configOf(current), status: current.status } });
  invalidateWorkspaceConfig(scope.workspaceId);
}

export interface OverlapWarning {
  experience: string;
  name: string;
  reason: string;
}

function audienceTokens(audience: Audience): { everyone: boolean; segments: string[] } {
  if ("segments" in audience) return { everyone: false, segments: audience.segments };
  return { everyone: true, segments: [] }; // an inline rule may match anyone: assume it can
}

/** Other live experiences on the same slot whose audiences can reach the same visitor. */
export function findOverlaps(config: ExperienceConfig, others: ExperienceConfig[]): OverlapWarning[] {
  const mine = config.rules.map((r) => audienceTokens(r.audience));
  // With no rules, everyone gets the default: it overlaps with anything.
  const mineEveryone = mine.length === 0 || mine.some((t) => t.everyone);
  const mineSegments = new Set(mine.flatMap((t) => t.segments));
  const warnings: OverlapWarning[] = [];
  for (const other of others) {
    const theirs = other.rules.map((r) => audienceTokens(r.audience));
    const theirsEveryone = theirs.length === 0 || theirs.some((t) => t.everyone);
    const shared = theirs.flatMap((t) => t.segments).filter((s) => mineSegments.has(s));
    let reason: string | null = null;
    if (shared.length > 0) reason = `both target segment ${[...new Set(shared)].map((s) => `"${s}"`).join(", ")}`;
    else if (mineEveryone || theirsEveryone) reason = "one of them can match any visitor (an inline rule, everyone, or no rules at all)";
    if (reason) warnings.push({ experience: other.key, name: other.name, reason: `${reason}; the one with the lower priority number (${other.key}: ${other.priority}, ${config.key}: ${config.priority}) wins` });
  }
  return warnings;
}

/** Publishes the draft: a new version snapshot, status live, and overlap warnings. */
export async function publishExperience(db: Database, scope: Scope, key: string, note?: string) {
  const current = await getExperienceByKey(db, scope.workspaceId, key);
  const slot = await getSlotByKey(db, scope.workspaceId, current.slotKey);
  // Re-validate: segments may have been deleted or the slot's fields changed since the last edit.
  const config = await validateExperience(db, scope.workspaceId, createExperienceSchema.parse(configOf(current)), slot.fields as SlotField[]);
  const version = current.version + 1;
  const now = new Date();
  const row = await db.transaction(async (tx) => {
    await tx.insert(experienceVersions).values({ workspaceId: scope.workspaceId, experienceId: current.id, version, snapshot: config, publishedBy: scope.actor.label, publishedAt: now });
    const [updated] = await tx
      .update(experiences)
      .set({ status: "live", version, publishedAt: now, updatedAt: now, updatedBy: scope.actor.label })
      .where(and(eq(experiences.workspaceId, scope.workspaceId), eq(experiences.id, current.id)))
      .returning();
    return updated;
  });
  await recordAudit(db, { workspaceId: scope.workspaceId, actor: scope.actor, action: "experience.published", entityType: "experience", entityId: key, before: { status: current.status, version: current.version }, after: { ...config, status: "live", version, note: note ?? "" } });
  invalidateWorkspaceConfig(scope.workspaceId);

  const others = await db
    .select(selection)
    .from(experiences)
    .innerJoin(slots, eq(slots.id, experiences.slotId))
    .where(and(eq(experiences.workspaceId, scope.workspaceId), eq(experiences.slotId, current.slotId), eq(experiences.status, "live"), ne(experiences.id, current.id)));
  const warnings = findOverlaps(config, others.map((o) => configOf({ ...o.experience, slotKey: o.slotKey })));
  return { experience: { ...row, slotKey: current.slotKey }, version, warnings };
}

/** Published versions, newest first. */
export async function listExperienceVersions(db: Database, workspaceId: string, key: string) {
  const current = await getExperienceByKey(db, workspaceId, key);
  const rows = await db.select().from(experienceVersions).where(and(eq(experienceVersions.workspaceId, workspaceId), eq(experienceVersions.experienceId, current.id)));
  return rows.sort((a, b) => b.version - a.version).map((r) => ({ version: r.version, publishedBy: r.publishedBy, publishedAt: r.publishedAt, snapshot: r.snapshot }));
}
