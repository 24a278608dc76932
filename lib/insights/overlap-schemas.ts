import { z } from "zod";

/** Validation and shapes of segment overlap (lib/insights/overlap.ts), shared with the dashboard. */
export const MIN_OVERLAP_SEGMENTS = 2;
export const MAX_OVERLAP_SEGMENTS = 8;

const keySchema = z.string().trim().min(1).max(64);

/** 2–8 distinct segment keys. */
export const overlapKeysSchema = z
  .array(keySchema)
  .min(MIN_OVERLAP_SEGMENTS, `Pick at least ${MIN_OVERLAP_SEGMENTS} segments to compare`)
  .max(MAX_OVERLAP_SEGMENTS, `Compare at most ${MAX_OVERLAP_SEGMENTS} segments at a time`)
  .refine((keys) => new Set(keys).size === keys.length, "Each segment may be listed only once");

/** `?segments=a,b,c`: the keys comma-separated. */
export const overlapQuerySchema = z.object({
  segments: z
    .string({ error: "Pass the segments to compare as ?segments=a,b (2 to 8 keys)" })
    .transform((text) => text.split(",").map((k) => k.trim()).filter(Boolean))
    .pipe(overlapKeysSchema),
  refresh: z
    .enum(["0", "1", "true", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true")
    .describe("1 to recount instead of answering from the 30-second cache"),
});

/** `?a=&b=&cursor=&limit=`: one cell of the matrix, a page at a time. */
export const intersectionQuerySchema = z.object({
  a: keySchema,
  b: keySchema,
  cursor: z.string().uuid("cursor must be the nextCursor of the previous page").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export interface SegmentOverlap {
  segments: Array<{ key: string; name: string; size: number }>;
  /** `matrix[i][j]`: profiles in both segment i and segment j; the diagonal is each segment's size. */
  matrix: number[][];
  /** Profiles in at least one of the segments. */
  union: number;
  /** Profiles in the workspace. */
  totalProfiles: number;
  /** When this was counted (answers are cached for 30 seconds). */
  asOf: string;
}
