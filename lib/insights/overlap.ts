import "server-only";
import { answerCache } from "./answer-cache";
import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { segments } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { memberColumns } from "@/lib/segments/preview-rule";
import type { Member } from "@/lib/segments/segment-members";
import { overlapKeysSchema, type SegmentOverlap } from "./overlap-schemas";

export { intersectionQuerySchema, overlapQuerySchema } from "./overlap-schemas";
export type { SegmentOverlap } from "./overlap-schemas";

/** The segments for `keys`, in that order; any unknown key is a 404 that names it. */
async function resolveSegments(db: Database, workspaceId: string, keys: string[]) {
  const rows = await db
    .select({ id: segments.id, key: segments.key, name: segments.name })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), inArray(segments.key, keys)));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const missing = [...new Set(keys.filter((k) => !byKey.has(k)))];
  if (missing.length) {
    const list = missing.map((k) => `"${k}"`).join(", ");
    throw new AppError("not_found", `${missing.length === 1 ? "Segment" : "Segments"} ${list} ${missing.length === 1 ? "was" : "were"} not found in this workspace.`);
  }
  return keys.map((k) => byKey.get(k)!);
}

const uuidArray = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

const cached = answerCache<SegmentOverlap>({ ttlMs: 30_000, max: 200 });

/**
 * Pairwise overlap of 2–8 segments from stored membership, answered from a 30-second in-memory
 * cache per workspace and key list (`asOf` says when it was counted; `refresh` recounts).
 */
export async function getSegmentOverlap(db: Database, params: { workspaceId: string; keys: string[]; refresh?: boolean }): Promise<SegmentOverlap> {
  const keys = overlapKeysSchema.parse(params.keys);
  return cached([params.workspaceId, ...keys].join("\u0000"), () => countSegmentOverlap(db, params.workspaceId, keys), params.refresh);
}

/**
 * The overlap counted now, in one query: each member's memberships fold into a bitmask per
 * (workspace_id, profile_id), masks are counted, and the matrix is summed from at most 2^8 mask counts.
 */
async function countSegmentOverlap(db: Database, workspaceId: string, keys: string[]): Promise<SegmentOverlap> {
  const asOf = new Date().toISOString();
  const found = await resolveSegments(db, workspaceId, keys);
  const ids = found.map((s) => s.id);
  const rows = await queryRows<{ mask: number; n: number }>(
    db,
    sql`with per_profile as (
          select bit_or(1 << (array_position(${uuidArray(ids)}, m.segment_id) - 1)) as mask
          from segment_members m
          where m.workspace_id = ${workspaceId}::uuid and m.segment_id = any(${uuidArray(ids)})
          group by m.workspace_id, m.profile_id
        )
        select mask, count(*)::int as n from per_profile group by mask
        union all
        select -1 as mask, count(*)::int as n from profiles where workspace_id = ${workspaceId}::uuid`,
  );
  const size = found.length;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let union = 0;
  let totalProfiles = 0;
  for (const { mask, n } of rows) {
    const count = Number(n);
    if (Number(mask) === -1) {
      totalProfiles = count;
      continue;
    }
    union += count;
    for (let i = 0; i < size; i++) {
      if (!(mask & (1 << i))) continue;
      for (let j = 0; j < size; j++) if (mask & (1 << j)) matrix[i][j] += count;
    }
  }
  return { segments: found.map((s, i) => ({ key: s.key, name: s.name, size: matrix[i][i] })), matrix, union, totalProfiles, asOf };
}

/** One page of the profiles in both segment `a` and segment `b`, ordered by profile id (keyset). */
export async function listIntersectionMembers(
  db: Database,
  params: { workspaceId: string; a: string; b: string; cursor?: string; limit: number },
): Promise<{ data: Member[]; nextCursor: string | null }> {
  const [a, b] = await resolveSegments(db, params.workspaceId, [params.a, params.b]);
  const after = params.cursor ? sql`and ma.profile_id > ${params.cursor}::uuid` : sql``;
  const rows = await queryRows<Member>(
    db,
    sql`select ${memberColumns}
        from segment_members ma
        join segment_members mb on mb.workspace_id = ma.workspace_id and mb.profile_id = ma.profile_id and mb.segment_id = ${b.id}::uuid
        join profiles p on p.workspace_id = ma.workspace_id and p.id = ma.profile_id
        where ma.workspace_id = ${params.workspaceId}::uuid and ma.segment_id = ${a.id}::uuid ${after}
        order by ma.profile_id limit ${params.limit + 1}`,
  );
  const page = rows.slice(0, params.limit);
  return { data: page, nextCursor: rows.length > params.limit ? page[page.length - 1].id : null };
}
