import "server-only";
import { createHash } from "node:crypto";
import type { Database } from "@/db/client";
import { imports, type ImportJob } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import type { Actor } from "@/lib/audit/record-audit";
import { readCsvHead } from "./read-csv";
import { runImport } from "./run-import";
import { importMappingSchema, MAX_IMPORT_BYTES } from "./schemas";

export interface StartImportInput {
  workspaceId: string;
  actor: Actor;
  filename: string;
  file: Uint8Array;
  /** The mapping as sent (validated here). */
  mapping: unknown;
}

/** Refuses files that are empty or larger than the limit, before anything is parsed. */
export function checkImportFile(file: Uint8Array): void {
  if (file.byteLength === 0) throw new AppError("bad_request", "The file is empty.");
  if (file.byteLength > MAX_IMPORT_BYTES) throw new AppError("payload_too_large", `The file is ${(file.byteLength / 1048576).toFixed(1)} MB; at most ${MAX_IMPORT_BYTES / 1048576} MB can be imported at once. Split it into smaller files.`);
}

/**
 * Checks the file and mapping, creates the import job and starts it in the background of this
 * server process. Returns the job at once and `done`, which settles when the import has finished.
 */
export async function startImport(db: Database, input: StartImportInput): Promise<{ job: ImportJob; done: Promise<void> }> {
  checkImportFile(input.file);
  const mapping = importMappingSchema.parse(input.mapping);
  const { columns } = await readCsvHead(input.file, 1);
  const missing = mapping.columns.filter((c) => !columns.includes(c.column)).map((c) => c.column);
  if (missing.length) throw new AppError("validation_failed", `The mapping names columns the file does not have: ${missing.map((m) => `"${m}"`).join(", ")}.`);
  const fileHash = createHash("sha256").update(input.file).digest("hex");
  const [job] = await db
    .insert(imports)
    .values({ workspaceId: input.workspaceId, filename: input.filename.slice(0, 255), fileHash, mapping, createdBy: input.actor.label })
    .returning();
  const done = runImport(db, { workspaceId: input.workspaceId, importId: job.id, file: input.file, fileHash, mapping });
  return { job, done };
}
