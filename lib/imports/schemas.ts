import { z } from "zod";

/** Largest CSV accepted (bytes). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Largest single cell; a longer one is a row error (a message may hold 32 KB in all). */
export const MAX_CELL_CHARS = 8 * 1024;
/** Largest CSV record; anything longer stops the import (it is not a profile row). */
export const MAX_RECORD_BYTES = 256 * 1024;
/** Messages per `ingestBatch` call. */
export const IMPORT_CHUNK = 500;
/** How often a running import renews its heartbeat. */
export const IMPORT_HEARTBEAT_MS = 10_000;
/** A running import whose heartbeat is older than this lost its process (a restart, a crash). */
export const IMPORT_STALE_MS = 120_000;
/** Row errors kept on the job. */
export const MAX_STORED_ERRORS = 1000;
/** Rows shown in the preview. */
export const PREVIEW_ROWS = 10;

export const TRAIT_TYPES = ["text", "number", "boolean", "date"] as const;
export type TraitType = (typeof TRAIT_TYPES)[number];

const columnName = z.string().min(1).max(200);

export const columnMappingSchema = z.discriminatedUnion("target", [
  z.object({ column: columnName, target: z.literal("userId") }),
  z.object({ column: columnName, target: z.literal("anonymousId") }),
  z.object({ column: columnName, target: z.literal("ignore") }),
  z.object({
    column: columnName,
    target: z.literal("trait"),
    trait: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Trait names use letters, digits and _ and start with a letter or _ (for example first_name)")
      .refine((name) => name !== "consent", "consent is reserved: it sets consent, it is not a trait"),
    type: z.enum(TRAIT_TYPES),
  }),
]);
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** A whole mapping: one entry per CSV column, at least one id column, no target used twice. */
export const importMappingSchema = z
  .object({ columns: z.array(columnMappingSchema).min(1).max(500) })
  .superRefine((mapping, ctx) => {
    const count = (target: string) => mapping.columns.filter((c) => c.target === target).length;
    if (count("userId") + count("anonymousId") === 0) ctx.addIssue({ code: "custom", path: ["columns"], message: "Map one column to userId or anonymousId: every row needs an id" });
    for (const target of ["userId", "anonymousId"]) {
      if (count(target) > 1) ctx.addIssue({ code: "custom", path: ["columns"], message: `Only one column can be the ${target}` });
    }
    const seenColumns = new Set<string>();
    const seenTraits = new Set<string>();
    mapping.columns.forEach((c, i) => {
      if (seenColumns.has(c.column)) ctx.addIssue({ code: "custom", path: ["columns", i, "column"], message: `Column "${c.column}" is mapped twice` });
      seenColumns.add(c.column);
      if (c.target !== "trait") return;
      if (seenTraits.has(c.trait)) ctx.addIssue({ code: "custom", path: ["columns", i, "trait"], message: `Two columns set the trait "${c.trait}"` });
      seenTraits.add(c.trait);
    });
  });
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const rowErrorSchema = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() });
export type RowError = z.infer<typeof rowErrorSchema>;

export const importSchema = z.object({
  id: z.string().uuid(),
  filename: z.string(),
  status: z.enum(["running", "completed", "failed"]),
  totalRows: z.number().int(),
  processed: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  errors: z.array(rowErrorSchema),
  error: z.string().nullable(),
  mapping: importMappingSchema,
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

export const previewSchema = z.object({
  filename: z.string(),
  bytes: z.number().int(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** A first guess per column, for the mapping form. */
  suggested: z.array(columnMappingSchema),
});
export type ImportPreview = z.infer<typeof previewSchema>;
