import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { segments } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { getSegmentByKey, loadSegments } from "./segment-rules";

export interface SegmentUser {
  kind: "segment" | "experience";
  key: string;
  name: string;
}

type UsageFinder = (db: Database, workspaceId: string, segmentKey: string) => Promise<SegmentUser[]>;
const usageFinders: UsageFinder[] = [];

/** Lets other modules (experiences) declare that they use segments, so deletion can name them. */
export function registerSegmentUsageFinder(finder: UsageFinder) {
  usageFinders.push(finder);
}

function refersTo(rule: unknown, key: string, depth = 0): boolean {
  if (depth > 64 || typeof rule !== "object" || rule === null) return false;
  const node = rule as { type?: string; segment?: string; children?: unknown[] };
  if (node.type === "segment" && node.segment === key) return true;
  return Array.isArray(node.children) && node.children.some((c) => refersTo(c, key, depth + 1));
}

/** Everything that uses a segment: other segments' rules, and what registered finders report. */
export async function findSegmentUsers(db: Database, workspaceId: string, key: string): Promise<SegmentUser[]> {
  const stored = await loadSegments(db, workspaceId);
  const users: SegmentUser[] = [...stored.values()]
    .filter((s) => s.key !== key && refersTo(s.rule, key))
    .map((s) => ({ kind: "segment", key: s.key, name: s.name }));
  for (const find of usageFinders) users.push(...(await find(db, workspaceId, key)));
  return users;
}

/** Deletes a segment and its history; refused while anything uses it, naming what does. */
export async function deleteSegment(db: Database, scope: { workspaceId: string; actor: Actor }, key: string) {
  const segment = await getSegmentByKey(db, scope.workspaceId, key);
  const users = await findSegmentUsers(db, scope.workspaceId, key);
  if (users.length > 0) {
    const names = users.map((u) => `${u.kind} "${u.name}" (${u.key})`).join(", ");
    throw new AppError("conflict", `Segment "${segment.name}" cannot be deleted while it is used by ${names}. Remove it from those first, or archive it instead.`, users);
  }
  await db.delete(segments).where(and(eq(segments.workspaceId, scope.workspaceId), eq(segments.id, segment.id)));
  await recordAudit(db, { workspaceId: scope.workspaceId, actor: scope.actor, action: "segment.deleted", entityType: "segment", entityId: key, before: { name: segment.name, rule: segment.rule } });
}
