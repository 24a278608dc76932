import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { segments } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { nodeSchema, type Rule } from "@/lib/rules/ast";
import type { Catalog } from "@/lib/rules/catalog";
import { discoverCatalog } from "@/lib/rules/discover-catalog";
import { parse } from "@/lib/rules/parse";

export interface StoredSegment {
  id: string;
  key: string;
  name: string;
  status: "active" | "archived";
  rule: unknown;
}

const CATALOG_TTL_MS = 30_000;
const catalogs = new Map<string, { at: number; catalog: Promise<Catalog> }>();

/** The workspace's catalog, rediscovered at most every 30 s, plus the names of its segments. */
export async function getCatalog(db: Database, workspaceId: string, options: { fresh?: boolean } = {}): Promise<Catalog> {
  const hit = catalogs.get(workspaceId);
  let base: Catalog;
  if (!options.fresh && hit && Date.now() - hit.at < CATALOG_TTL_MS) base = await hit.catalog;
  else {
    const catalog = discoverCatalog(db, workspaceId);
    catalogs.set(workspaceId, { at: Date.now(), catalog });
    catalog.catch(() => catalogs.delete(workspaceId));
    base = await catalog;
  }
  const stored = await loadSegments(db, workspaceId);
  return { ...base, segments: [...stored.values()].map((s) => ({ key: s.key, name: s.name })) };
}

/** Every segment of a workspace by key (archived ones too: references to them still resolve). */
export async function loadSegments(db: Database, workspaceId: string): Promise<Map<string, StoredSegment>> {
  const rows = await db
    .select({ id: segments.id, key: segments.key, name: segments.name, status: segments.status, rule: segments.rule })
    .from(segments)
    .where(eq(segments.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.key, r]));
}

/**
 * A stored rule, checked for shape. It was checked against the catalog when saved; checking it
 * again here would break a saved segment whenever a trait disappears from the sampled catalog.
 */
export function storedRule(json: unknown, key: string): Rule {
  const result = nodeSchema.safeParse(json);
  if (!result.success) throw new AppError("internal", `The stored rule of segment "${key}" is damaged; open it in the builder and save it again.`);
  return result.data as Rule;
}

/** A resolver from segment key to parsed rule, for compiling segment references. */
export function segmentResolver(stored: Map<string, StoredSegment>) {
  const cache = new Map<string, Rule>();
  return (key: string): Rule | undefined => {
    const s = stored.get(key);
    if (!s) return undefined;
    let rule = cache.get(key);
    if (!rule) cache.set(key, (rule = storedRule(s.rule, key)));
    return rule;
  };
}

/** Parses a rule a person submitted; invalid rules become a 422 listing every problem with its path. */
export async function parseSubmittedRule(db: Database, workspaceId: string, json: unknown, segmentKey?: string) {
  const [catalog, stored] = await Promise.all([getCatalog(db, workspaceId), loadSegments(db, workspaceId)]);
  const result = parse(json, catalog, { lookupSegment: (k) => stored.get(k)?.rule, segmentKey });
  if (!result.ok) {
    const first = result.errors[0];
    throw new AppError(
      "validation_failed",
      `The rule is not valid${first.path.length ? ` at ${first.path.join(".")}` : ""}: ${first.message}${result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : ""}`,
      result.errors.map((e) => ({ path: ["rule", ...e.path].map(String), message: e.message, code: e.code })),
    );
  }
  return { rule: result.rule, catalog, stored };
}

/** Loads one segment of this workspace by key, or fails with 404. */
export async function getSegmentByKey(db: Database, workspaceId: string, key: string) {
  const [row] = await db.select().from(segments).where(and(eq(segments.workspaceId, workspaceId), eq(segments.key, key)));
  if (!row) throw new AppError("not_found", `Segment "${key}" was not found in this workspace.`);
  return row;
}
