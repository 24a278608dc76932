import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { segments, segmentVersions, type Segment } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { segmentRulesChanged } from "@/lib/insights/segment-size-history";
import { reconcileSegment } from "@/lib/membership/reconcile-segment";
import { createSegmentSchema, duplicateSegmentSchema, updateSegmentSchema, type CreateSegmentInput, type UpdateSegmentInput } from "./schemas";
import { getSegmentByKey, parseSubmittedRule } from "./segment-rules";

interface Scope {
  workspaceId: string;
  actor: Actor;
}

function snapshot(s: Segment) {
  return { name: s.name, description: s.description, tags: s.tags, rule: s.rule, status: s.status };
}

async function writeVersion(db: Database, s: Segment, actor: Actor, note = "") {
  await db.insert(segmentVersions).values({
    workspaceId: s.workspaceId,
    segmentId: s.id,
    version: s.version,
    name: s.name,
    description: s.description,
    tags: s.tags,
    rule: s.rule,
    status: s.status,
    changedBy: actor.label,
    note,
  });
}

/** Creates a segment (version 1) after parsing its rule against the workspace catalog. */
export async function createSegment(db: Database, scope: Scope, input: CreateSegmentInput): Promise<Segment> {
  const data = createSegmentSchema.parse(input);
  const { rule } = await parseSubmittedRule(db, scope.workspaceId, data.rule, data.key);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(segments)
      .values({ workspaceId: scope.workspaceId, key: data.key, name: data.name, description: data.description, tags: data.tags, rule, updatedBy: scope.actor.label })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("conflict", `A segment with the key "${data.key}" already exists. Choose another key.`, [{ path: ["key"], message: "This key is taken" }]);
    await writeVersion(tx as unknown as Database, row, scope.actor, "Created");
    await recordAudit(tx as unknown as Database, { workspaceId: scope.workspaceId, actor: scope.actor, action: "segment.created", entityType: "segment", entityId: row.key, after: snapshot(row) });
    return row;
  });
  // Stored membership is exact as soon as the segment exists (errors are recorded on the segment).
  const now = new Date();
  const reconciled = await reconcileSegment(db, { workspaceId: scope.workspaceId, segmentKey: created.key, now });
  // Its size history is backfilled in the background (lib/insights).
  await segmentRulesChanged(db, { workspaceId: scope.workspaceId, segmentKeys: reconciled.map((r) => r.key), at: now });
  return created;
}

/** Applies a change as a new version; refuses to overwrite a version the editor did not see. */
export async function updateSegment(db: Database, scope: Scope, key: string, input: UpdateSegmentInput): Promise<Segment> {
  const data = updateSegmentSchema.parse(input);
  const current = await getSegmentByKey(db, scope.workspaceId, key);
  if (data.expectedVersion !== undefined && data.expectedVersion !== current.version) {
    throw new AppError("conflict", `Segment "${key}" was changed by ${current.updatedBy} (now version ${current.version}) since you opened it at version ${data.expectedVersion}. Reload to see their change, then apply yours again.`);
  }
  const rule = data.rule === undefined ? current.rule : (await parseSubmittedRule(db, scope.workspaceId, data.rule, key)).rule;
  const next = {
    name: data.name ?? current.name,
    description: data.description ?? current.description,
    tags: data.tags ?? current.tags,
    status: data.status ?? current.status,
    rule,
  };
  if (JSON.stringify(next) === JSON.stringify(snapshot(current))) return current;
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(segments)
      .set({ ...next, version: sql`${segments.version} + 1`, updatedAt: new Date(), updatedBy: scope.actor.label })
      .where(and(eq(segments.id, current.id), eq(segments.version, current.version)))
      .returning();
    if (!row) throw new AppError("conflict", `Segment "${key}" was changed at the same moment by someone else. Reload and try again.`);
    const note = data.note ?? (data.status && data.status !== current.status ? (data.status === "archived" ? "Archived" : "Restored") : "");
    await writeVersion(tx as unknown as Database, row, scope.actor, note);
    await recordAudit(tx as unknown as Database, { workspaceId: scope.workspaceId, actor: scope.actor, action: "segment.updated", entityType: "segment", entityId: key, before: snapshot(current), after: snapshot(row) });
    return row;
  });
  // A new rule or status changes who is in (and in the segments built on it): recompute now.
  if (JSON.stringify(next.rule) !== JSON.stringify(current.rule) || next.status !== current.status) {
    const now = new Date();
    const reconciled = await reconcileSegment(db, { workspaceId: scope.workspaceId, segmentKey: key, now });
    await segmentRulesChanged(db, { workspaceId: scope.workspaceId, segmentKeys: reconciled.map((r) => r.key), at: now });
  }
  return updated;
}

/** Copies a segment under a new key (version 1 of the copy). */
export async function duplicateSegment(db: Database, scope: Scope, key: string, input: { key: string; name?: string }) {
  const data = duplicateSegmentSchema.parse(input);
  const source = await getSegmentByKey(db, scope.workspaceId, key);
  return createSegment(db, scope, {
    key: data.key,
    name: data.name ?? `${source.name} (copy)`,
    description: source.description,
    tags: source.tags,
    rule: source.rule,
  });
}
