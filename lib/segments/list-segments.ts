import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { segments, segmentVersions } from "@/db/schema";
import { describe } from "@/lib/rules/describe";
import { escapeLike } from "@/lib/sql/escape-like";
import { diffJson, type JsonChange } from "./diff-json";
import { getCatalog, getSegmentByKey, storedRule } from "./segment-rules";


/** Segments of a workspace, filtered by text (key, name, description, tags), tag and status. */
export async function listSegments(db: Database, params: { workspaceId: string; q?: string; tag?: string; status?: "active" | "archived" | "all" }) {
  const conditions = [eq(segments.workspaceId, params.workspaceId)];
  if (params.status && params.status !== "all") conditions.push(eq(segments.status, params.status));
  if (params.tag) conditions.push(sql`${params.tag.toLowerCase()} = any(${segments.tags})`);
  if (params.q?.trim()) {
    const pattern = `%${escapeLike(params.q.trim())}%`;
    conditions.push(
      sql`(${segments.key} ilike ${pattern} or ${segments.name} ilike ${pattern} or ${segments.description} ilike ${pattern} or array_to_string(${segments.tags}, ' ') ilike ${pattern})`,
    );
  }
  return db.select().from(segments).where(and(...conditions)).orderBy(desc(segments.updatedAt), asc(segments.key));
}

export interface VersionEntry {
  version: number;
  changedBy: string;
  changedAt: Date;
  note: string;
  name: string;
  status: string;
  description: string;
  /** Plain-English reading of the rule at this version. */
  summary: string;
  /** What changed compared with the previous version (empty for the first). */
  changes: JsonChange[];
}

/** The history of a segment, newest first, each version with a readable diff to the one before. */
export async function listSegmentVersions(db: Database, workspaceId: string, key: string): Promise<VersionEntry[]> {
  const segment = await getSegmentByKey(db, workspaceId, key);
  const catalog = await getCatalog(db, workspaceId);
  const rows = await db
    .select()
    .from(segmentVersions)
    .where(and(eq(segmentVersions.workspaceId, workspaceId), eq(segmentVersions.segmentId, segment.id)))
    .orderBy(asc(segmentVersions.version));
  const entries = rows.map((row, i) => {
    const prev = rows[i - 1];
    const view = (r: typeof row) => ({ name: r.name, description: r.description, tags: r.tags, status: r.status, rule: r.rule });
    return {
      version: row.version,
      changedBy: row.changedBy,
      changedAt: row.changedAt,
      note: row.note,
      name: row.name,
      status: row.status,
      description: row.description,
      summary: describe(storedRule(row.rule, key), catalog),
      changes: prev ? diffJson(view(prev), view(row)) : [],
    };
  });
  return entries.reverse();
}
