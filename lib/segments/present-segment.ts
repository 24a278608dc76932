import "server-only";
import type { Segment } from "@/db/schema";
import type { Catalog } from "@/lib/rules/catalog";
import { describe } from "@/lib/rules/describe";
import { storedRule } from "./segment-rules";

/** The API shape of a segment: the row plus its rule in plain English. */
export function presentSegment(segment: Segment, catalog: Catalog) {
  const { workspaceId: _workspaceId, ...rest } = segment;
  return { ...rest, summary: describe(storedRule(segment.rule, segment.key), catalog) };
}
