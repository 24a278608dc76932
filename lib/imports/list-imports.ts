import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { imports, type ImportJob } from "@/db/schema";
import { notFound } from "@/lib/api/errors";
import { IMPORT_STALE_MS } from "./schemas";

/** The API shape of an import job. */
export function presentImport(job: ImportJob) {
  const { workspaceId: _w, fileHash: _h, heartbeatAt: _b, ...rest } = job;
  return rest;
}

/**
 * Marks the workspace's running imports whose process stopped (no heartbeat for IMPORT_STALE_MS)
 * as failed, saying how far they got and how to finish. The file was only in that process's
 * memory, so the import cannot resume by itself; importing the same file again skips the rows
 * already stored (their messageIds are derived from file, mapping and row).
 */
export async function failInterruptedImports(db: Database, workspaceId: string, now: Date = new Date()) {
  await db.execute(sql`update imports set status = 'failed', finished_at = heartbeat_at,
      error = format('The import was interrupted after %s of %s rows: the server running it stopped. The rows before that are stored. Import the same file again with the same mapping to finish; rows already imported are not imported twice.',
        to_char(processed, 'FM999,999,999,990'), to_char(total_rows, 'FM999,999,999,990'))
    where workspace_id = ${workspaceId}::uuid and status = 'running' and heartbeat_at < ${new Date(now.getTime() - IMPORT_STALE_MS).toISOString()}::timestamptz`);
}

/** The latest imports of a workspace, newest first (without their row errors). */
export async function listImports(db: Database, workspaceId: string, limit = 20) {
  await failInterruptedImports(db, workspaceId);
  const rows = await db.select().from(imports).where(eq(imports.workspaceId, workspaceId)).orderBy(desc(imports.createdAt)).limit(limit);
  return rows.map((r) => ({ ...presentImport(r), errors: [] }));
}

/** One import job of a workspace; another workspace's id is not found. */
export async function getImport(db: Database, workspaceId: string, id: string): Promise<ImportJob> {
  await failInterruptedImports(db, workspaceId);
  const [row] = await db.select().from(imports).where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
  if (!row) throw notFound("Import", id);
  return row;
}
