/** Which experiences use a segment, in their draft or in the version visitors currently get. */
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { experiences, experienceVersions } from "@/db/schema";
import type { SegmentUser } from "@/lib/segments/delete-segment";

function mentions(value: unknown, key: string, depth = 0): boolean {
  if (depth > 64 || typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => mentions(v, key, depth + 1));
  const node = value as Record<string, unknown>;
  if (node.type === "segment" && node.segment === key) return true;
  if (Array.isArray(node.segments) && node.segments.includes(key)) return true;
  return Object.values(node).some((v) => mentions(v, key, depth + 1));
}

/** A segment usage finder for `registerSegmentUsageFinder`. */
export async function findExperiencesUsingSegment(db: Database, workspaceId: string, segmentKey: string): Promise<SegmentUser[]> {
  const rows = await db
    .select({ key: experiences.key, name: experiences.name, rules: experiences.rules, snapshot: experienceVersions.snapshot })
    .from(experiences)
    .leftJoin(experienceVersions, and(eq(experienceVersions.experienceId, experiences.id), eq(experienceVersions.version, experiences.version)))
    .where(eq(experiences.workspaceId, workspaceId));
  return rows
    .filter((r) => mentions(r.rules, segmentKey) || mentions((r.snapshot as { rules?: unknown } | null)?.rules, segmentKey))
    .map((r) => ({ kind: "experience" as const, key: r.key, name: r.name }));
}
