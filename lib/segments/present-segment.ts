import "server-only";
import type { Database } from "@/db/client";
import type { Segment } from "@/db/schema";
import type { Catalog } from "@/lib/rules/catalog";
import { describe } from "@/lib/rules/describe";
import { countStoredMembers } from "./count-stored-members";
import { storedRule } from "./segment-rules";

/**
 * The API shape of a segment: the row (with its live status: `membersUpdatedAt`, `evaluatedAt`,
 * `evaluationError`), its rule in plain English and its stored member count.
 */
export function presentSegment(segment: Segment, catalog: Catalog, memberCount = 0) {
  const { workspaceId: _workspaceId, ...rest } = segment;
  return { ...rest, memberCount, summary: describe(storedRule(segment.rule, segment.key), catalog) };
}

/** Presents segments with their stored member counts, read in one query. */
export async function presentSegments(db: Database, workspaceId: string, segments: Segment[], catalog: Catalog) {
  const counts = await countStoredMembers(db, workspaceId, segments.map((s) => s.id));
  return segments.map((s) => presentSegment(s, catalog, counts.get(s.id) ?? 0));
}

/** Presents one segment with its stored member count. */
export async function presentOneSegment(db: Database, segment: Segment, catalog: Catalog) {
  const [one] = await presentSegments(db, segment.workspaceId, [segment], catalog);
  return one;
}
