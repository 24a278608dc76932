import { z } from "zod";

/** Keys that would collide with routes under /segments/. */
const RESERVED_KEYS = ["new", "preview", "overlap"];

export const segmentKeySchema = z
  .string()
  .trim()
  .min(1, "Give the segment a key")
  .max(64, "Keep the key under 64 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "Use lowercase letters, digits, - and _ in the key, starting with a letter or digit (e.g. sports-readers)")
  .refine((key) => !RESERVED_KEYS.includes(key), { message: "This key is reserved; choose another" });

const tagsSchema = z
  .array(z.string().trim().min(1, "Tags must not be empty").max(40, "Keep tags under 40 characters"))
  .max(20, "Use at most 20 tags")
  .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()))]);

export const createSegmentSchema = z.object({
  key: segmentKeySchema,
  name: z.string().trim().min(1, "Give the segment a name").max(120, "Keep the name under 120 characters"),
  description: z.string().trim().max(2000, "Keep the description under 2000 characters").default(""),
  tags: tagsSchema.default([]),
  rule: z.unknown(),
});

export const updateSegmentSchema = z.object({
  name: createSegmentSchema.shape.name.optional(),
  description: createSegmentSchema.shape.description.optional(),
  tags: tagsSchema.optional(),
  rule: z.unknown().optional(),
  status: z.enum(["active", "archived"]).optional(),
  /** The version the editor started from; a newer stored version means someone else saved first. */
  expectedVersion: z.number().int().positive().optional(),
  note: z.string().max(500).optional(),
});

export const duplicateSegmentSchema = z.object({ key: segmentKeySchema, name: createSegmentSchema.shape.name.optional() });

export const previewRequestSchema = z.object({
  rule: z.unknown(),
  /** Key of the segment being edited, so a reference back to it is reported as a cycle. */
  segmentKey: segmentKeySchema.optional(),
  sampleSize: z.number().int().min(0).max(50).default(10),
});

export const listSegmentsQuerySchema = z.object({
  q: z.string().max(200).optional(),
  tag: z.string().max(40).optional(),
  status: z.enum(["active", "archived", "all"]).default("active"),
});

export const membersQuerySchema = z.object({
  cursor: z.string().uuid("cursor must be the nextCursor of the previous page").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The public shape of a segment. */
export const segmentSchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  rule: z.unknown(),
  status: z.enum(["active", "archived"]),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
  lastCount: z.number().int().nullable(),
  lastCountedAt: z.iso.datetime().nullable(),
  /** Live status (lib/membership): stored member count, last enter/exit, last full reconcile, why it cannot be evaluated. */
  memberCount: z.number().int(),
  membersUpdatedAt: z.iso.datetime().nullable(),
  evaluatedAt: z.iso.datetime().nullable(),
  evaluationError: z.string().nullable(),
  description_text: z.string().optional(),
});

export const previewResponseSchema = z.object({
  count: z.number().int(),
  total: z.number().int(),
  perCondition: z.array(z.object({ index: z.number().int(), description: z.string(), count: z.number().int() })),
  sample: z.array(z.object({ id: z.string(), userId: z.string().nullable(), email: z.string().nullable(), name: z.string().nullable(), country: z.string().nullable() })),
  description: z.string(),
  timedOut: z.boolean(),
  tookMs: z.number(),
});

export type CreateSegmentInput = z.input<typeof createSegmentSchema>;
export type UpdateSegmentInput = z.input<typeof updateSegmentSchema>;
export type PreviewResult = z.infer<typeof previewResponseSchema>;
