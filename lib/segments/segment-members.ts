import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { compileToFastSql } from "./fast-sql/compile-to-fast-sql";
import { inlineFastSegments } from "./fast-sql/inline-fast-segments";
import { runFast } from "./fast-sql/run-fast";
import { memberColumns } from "./preview-rule";
import { rollupsReady } from "./rollups";
import { getSegmentByKey, loadSegments, segmentResolver } from "./segment-rules";

export interface Member {
  id: string;
  userId: string | null;
  email: string | null;
  name: string | null;
  country: string | null;
}

async function memberPredicate(db: Database, workspaceId: string, key: string, now: Date) {
  await getSegmentByKey(db, workspaceId, key);
  const stored = await loadSegments(db, workspaceId);
  const resolve = segmentResolver(stored);
  const rule = resolve(key)!;
  return compileToFastSql(rule, now, inlineFastSegments(resolve, now, { workspaceId, rollups: await rollupsReady(db, workspaceId) }));
}

/** One page of a segment's members, ordered by profile id, with the cursor of the next page. */
export async function listSegmentMembers(db: Database, params: { workspaceId: string; key: string; cursor?: string; limit: number; now?: Date }) {
  const predicate = await memberPredicate(db, params.workspaceId, params.key, params.now ?? new Date());
  const after = params.cursor ? sql`and p.id > ${params.cursor}::uuid` : sql``;
  const result = await runFast<Member>(db, [
    sql`select ${memberColumns} from profiles p where p.workspace_id = ${params.workspaceId} and ${predicate} ${after}
      order by p.id limit ${params.limit + 1}`,
  ]);
  if (result.timedOut) throw new Error("unreachable: member pages run without a timeout");
  const rows = result.rows[0];
  const page = rows.slice(0, params.limit);
  return { data: page, nextCursor: rows.length > params.limit ? page[page.length - 1].id : null };
}

const CSV_COLUMNS = ["id", "userId", "email", "name", "country"] as const;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  // Quote when needed, and defuse spreadsheet formulas (=, +, -, @) so an export cannot run code.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A segment's members as CSV, produced page by page (keyset pagination), so a million members
 * never sit in memory at once.
 */
export function exportSegmentMembersCsv(db: Database, params: { workspaceId: string; key: string; now?: Date; pageSize?: number }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const now = params.now ?? new Date();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\n`));
      }
      const page = await listSegmentMembers(db, { workspaceId: params.workspaceId, key: params.key, cursor, limit: params.pageSize ?? 5000, now });
      if (page.data.length) controller.enqueue(encoder.encode(page.data.map((m) => CSV_COLUMNS.map((c) => csvCell(m[c])).join(",")).join("\n") + "\n"));
      if (!page.nextCursor) controller.close();
      cursor = page.nextCursor ?? undefined;
    },
  });
}
