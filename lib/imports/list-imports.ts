import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { imports, type ImportJob } from "@/db/schema";
import { notFound } from "@/lib/api/errors";

/** The API shape of an import job. */
export function presentImport(job: ImportJob) {
  const { workspaceId: _w, fileHash: _h, ...rest } = job;
  return rest;
}

/** The latest imports of a workspace, newest first (without their row errors). */
export async function listImports(db: Database, workspaceId: string, limit = 20) {
  const rows = await db.select().from(imports).where(eq(imports.workspaceId, workspaceId)).orderBy(desc(imports.createdAt)).limit(limit);
  return rows.map((r) => ({ ...presentImport(r), errors: [] }));
}

/** One import job of a workspace; another workspace's id is not found. */
export async function getImport(db: Database, workspaceId: string, id: string): Promise<ImportJob> {
  const [row] = await db.select().from(imports).where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
  if (!row) throw notFound("Import", id);
  return row;
}
