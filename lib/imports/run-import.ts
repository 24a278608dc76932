import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { imports } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import type { IngestMessage } from "@/lib/ingest/types";
import { validateBatch } from "@/lib/ingest/validate";
// Imported rows must update memberships exactly like live data: make sure the hook is registered.
import "@/lib/membership/register";
import { mapRow, mappingHash, rowMessageId } from "./map-row";
import { readCsv } from "./read-csv";
import { IMPORT_CHUNK, IMPORT_HEARTBEAT_MS, MAX_STORED_ERRORS, type ImportMapping, type RowError } from "./schemas";

export interface RunImportInput {
  workspaceId: string;
  importId: string;
  file: Uint8Array;
  fileHash: string;
  mapping: ImportMapping;
}

/**
 * Runs an import to the end: counts the rows, then turns each into an `identify` message and
 * stores them through `ingestBatch` in chunks (so identities, traits and memberships behave as
 * live data), updating the job's counters after each chunk. Never throws: a failure that stops
 * the import is recorded on the job as status `failed`.
 */
export async function runImport(db: Database, input: RunImportInput): Promise<void> {
  const where = and(eq(imports.workspaceId, input.workspaceId), eq(imports.id, input.importId));
  // The file lives only in this process: if it stops, the job must not look "running" forever.
  const heartbeat = setInterval(() => {
    db.update(imports).set({ heartbeatAt: new Date() }).where(and(where, eq(imports.status, "running"))).catch((e) => console.error(`[tailor] import ${input.importId}: could not renew the heartbeat`, e));
  }, IMPORT_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    let total = 0;
    for await (const _ of readCsv(input.file)) total += 1;
    await db.update(imports).set({ totalRows: total }).where(where);

    const hash = mappingHash(input.mapping);
    const errors: RowError[] = [];
    let chunk: IngestMessage[] = [];
    let processed = 0;
    let succeeded = 0;
    let failed = 0;
    const flush = async () => {
      if (chunk.length) await ingestBatch(db, { workspaceId: input.workspaceId, messages: chunk });
      succeeded += chunk.length;
      chunk = [];
      await db.update(imports).set({ processed, succeeded, failed, errors: errors.slice(0, MAX_STORED_ERRORS), heartbeatAt: new Date() }).where(where);
    };

    for await (const { header, row, cells } of readCsv(input.file)) {
      processed += 1;
      const mapped = mapRow(header, cells, input.mapping, row, rowMessageId(input.fileHash, hash, row));
      const result = mapped.ok ? validateBatch({ batch: [mapped.message] }) : null;
      if (!mapped.ok || !result?.ok) {
        failed += 1;
        const rowErrors = !mapped.ok ? mapped.errors : result && !result.ok ? result.errors.map((e) => ({ row, column: e.path.join(".") || null, message: e.message })) : [];
        if (errors.length < MAX_STORED_ERRORS) errors.push(...rowErrors.slice(0, MAX_STORED_ERRORS - errors.length));
      } else {
        chunk.push(...result.messages);
      }
      if (processed % IMPORT_CHUNK === 0) await flush();
    }
    await flush();
    await db.update(imports).set({ status: "completed", finishedAt: new Date() }).where(where);
  } catch (error) {
    const message = error instanceof AppError ? error.message : `The import stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    if (!(error instanceof AppError)) console.error(`[tailor] import ${input.importId} failed`, error);
    await db.update(imports).set({ status: "failed", error: message, finishedAt: new Date() }).where(where).catch((e) => console.error("[tailor] could not record import failure", e));
  } finally {
    clearInterval(heartbeat);
  }
}
