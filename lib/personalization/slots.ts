/** Slots: placements with a content schema. Every change is audited and refreshes decisions. */
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { experiences, slots, type Slot } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { contentProblems } from "./validate-experience";
import { createSlotSchema, type CreateSlotInput, type ExperienceConfig, type SlotField } from "./schemas";
import { invalidateWorkspaceConfig } from "./workspace-config";

type Scope = { workspaceId: string; actor: Actor };

/** The public shape of a slot. */
export function presentSlot(s: Slot) {
  return { key: s.key, name: s.name, channel: s.channel, fields: s.fields as SlotField[], createdAt: s.createdAt, updatedAt: s.updatedAt, updatedBy: s.updatedBy };
}

/** Slots of a workspace by key. */
export async function listSlots(db: Database, workspaceId: string): Promise<Slot[]> {
  return db.select().from(slots).where(eq(slots.workspaceId, workspaceId)).orderBy(asc(slots.key));
}

/** One slot by key, or 404. */
export async function getSlotByKey(db: Database, workspaceId: string, key: string): Promise<Slot> {
  const [row] = await db.select().from(slots).where(and(eq(slots.workspaceId, workspaceId), eq(slots.key, key)));
  if (!row) throw new AppError("not_found", `Slot "${key}" was not found in this workspace.`);
  return row;
}

/** Creates a slot; a taken key is a 409. */
export async function createSlot(db: Database, scope: Scope, input: CreateSlotInput): Promise<Slot> {
  const [row] = await db
    .insert(slots)
    .values({ workspaceId: scope.workspaceId, key: input.key, name: input.name, channel: input.channel, fields: input.fields, updatedBy: scope.actor.label })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError("conflict", `A slot with key "${input.key}" already exists; choose another key.`);
  await recordAudit(db, { workspaceId: scope.workspaceId, actor: scope.actor, action: "slot.created", entityType: "slot", entityId: row.key, after: presentSlot(row) });
  invalidateWorkspaceConfig(scope.workspaceId);
  return row;
}

/**
 * Updates a slot (the key never changes). New fields must still fit every experience's variants,
 * so changing the schema cannot silently break content already written for the slot.
 */
export async function updateSlot(db: Database, scope: Scope, key: string, patch: Record<string, unknown>): Promise<Slot> {
  const current = await getSlotByKey(db, scope.workspaceId, key);
  if ("key" in patch && patch.key !== key) throw new AppError("validation_failed", "A slot's key cannot change; create a new slot instead.", [{ path: ["key"], message: "Cannot change" }]);
  const next = createSlotSchema.parse({ ...presentSlot(current), ...patch, key, createdAt: undefined, updatedAt: undefined, updatedBy: undefined });
  const used = await db.select({ key: experiences.key, variants: experiences.variants }).from(experiences).where(and(eq(experiences.workspaceId, scope.workspaceId), eq(experiences.slotId, current.id)));
  const problems = used.flatMap((e) =>
    Object.entries(e.variants as ExperienceConfig["variants"]).flatMap(([v, variant]) => contentProblems(next.fields, variant.content, ["experiences", e.key, "variants", v, "content"])),
  );
  if (problems.length > 0) {
    throw new AppError("conflict", `These fields do not fit existing content: ${problems[0].path.join(".")}: ${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}. Update those experiences first.`, problems);
  }
  const [row] = await db
    .update(slots)
    .set({ name: next.name, channel: next.channel, fields: next.fields, updatedAt: new Date(), updatedBy: scope.actor.label })
    .where(and(eq(slots.workspaceId, scope.workspaceId), eq(slots.id, current.id)))
    .returning();
  await recordAudit(db, { workspaceId: scope.workspaceId, actor: scope.actor, action: "slot.updated", entityType: "slot", entityId: key, before: presentSlot(current), after: presentSlot(row) });
  invalidateWorkspaceConfig(scope.workspaceId);
  return row;
}

/** Deletes a slot; refused while experiences use it, naming them. */
export async function deleteSlot(db: Database, scope: Scope, key: string): Promise<void> {
  const current = await getSlotByKey(db, scope.workspaceId, key);
  const used = await db.select({ key: experiences.key, name: experiences.name }).from(experiences).where(and(eq(experiences.workspaceId, scope.workspaceId), eq(experiences.slotId, current.id)));
  if (used.length > 0) {
    throw new AppError("conflict", `Slot "${current.name}" cannot be deleted while experiences use it: ${used.map((e) => `"${e.name}" (${e.key})`).join(", ")}.`, used);
  }
  await db.delete(slots).where(and(eq(slots.workspaceId, scope.workspaceId), eq(slots.id, current.id)));
  await recordAudit(db, { workspaceId: scope.workspaceId, actor: scope.actor, action: "slot.deleted", entityType: "slot", entityId: key, before: presentSlot(current) });
  invalidateWorkspaceConfig(scope.workspaceId);
}
