/**
 * Shapes of slots and experiences as the authoring API accepts them. Content is checked against
 * the slot's fields and audiences against the catalog afterwards (validate-experience.ts), since
 * both need the database.
 */
import { z } from "zod";
import { propertyFilterSchema } from "@/lib/rules/ast";

const keySchema = z
  .string()
  .min(1, "Give a key")
  .max(64, "Keep keys under 64 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "Use lowercase letters, digits, - and _ (like home-hero)");
const nameSchema = z.string().trim().min(1, "Give a name").max(200, "Keep names under 200 characters");

export const FIELD_TYPES = ["text", "rich_text", "image_url", "link", "product_list"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const slotFieldSchema = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, "Field keys start with a letter and hold letters, digits and _"),
  label: z.string().trim().min(1).max(200).optional(),
  type: z.enum(FIELD_TYPES, { error: `type must be one of ${FIELD_TYPES.join(", ")}` }),
  required: z.boolean().default(false),
});
export type SlotField = z.infer<typeof slotFieldSchema>;

const fieldsSchema = z
  .array(slotFieldSchema)
  .min(1, "A slot needs at least one field")
  .max(30, "Use at most 30 fields")
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `Field "${f.key}" appears twice` });
      seen.add(f.key);
    });
  });

/**
 * A product in a `product_list` field written by hand. Rendered lists always carry every key
 * (missing ones as null), whether the items are static or come from a recommendation block.
 */
export const productItemSchema = z.strictObject(
  {
    product_id: z.string({ error: "Give product_id as text" }).trim().min(1, "Give product_id").max(200),
    name: z.string({ error: "Give the product's name as text" }).trim().min(1, "Give the product's name").max(500),
    category: z.string().max(200).nullable().optional(),
    price: z.number({ error: "Give price as a number, like 129.5" }).min(0, "A price cannot be negative").nullable().optional(),
    url: z.string().max(2000).nullable().optional(),
    image: z.string().max(2000).nullable().optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}: a product has product_id, name, category, price, url and image` : "Give a product as an object like { \"product_id\": \"sku-1000\", \"name\": \"Trail Running Shoes\" }") },
);
export type ProductItem = { product_id: string; name: string; category: string | null; price: number | null; url: string | null; image: string | null };

export const RECOMMENDATION_STRATEGIES = ["engaged_categories", "popular"] as const;
export type RecommendationStrategy = (typeof RECOMMENDATION_STRATEGIES)[number];
export const MAX_RECOMMENDATIONS = 20;

/**
 * A `product_list` value filled at decision time: `{ "recommend": { "strategy": "engaged_categories", "count": 4 } }`.
 * `engaged_categories`: the visitor's most engaged categories, minus what they bought, topped up
 * with popular items; `popular`: the workspace's most popular items, minus what they bought.
 */
export const recommendationBlockSchema = z.strictObject(
  {
    recommend: z.strictObject(
      {
        strategy: z.enum(RECOMMENDATION_STRATEGIES, { error: `strategy must be one of ${RECOMMENDATION_STRATEGIES.join(", ")}` }).default("engaged_categories"),
        count: z
          .number({ error: "Give count as a number" })
          .int("Give a whole number of items")
          .min(1, "Recommend at least 1 item")
          .max(MAX_RECOMMENDATIONS, `Recommend at most ${MAX_RECOMMENDATIONS} items`)
          .default(4),
      },
      { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(", ")} in the recommendation block: use strategy and count` : "Give the recommendation as an object like { \"strategy\": \"engaged_categories\", \"count\": 4 }") },
    ),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `A recommendation block holds only "recommend"; move ${issue.keys.map((k) => `"${k}"`).join(", ")} out` : undefined) },
);
export type RecommendationBlock = z.output<typeof recommendationBlockSchema>["recommend"];

/** Whether a stored `product_list` value is a recommendation block (rather than a static list). */
export function isRecommendationBlock(value: unknown): value is { recommend: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "recommend" in value;
}

export const createSlotSchema = z.strictObject({
  key: keySchema,
  name: nameSchema,
  channel: z.enum(["web", "email"]).default("web"),
  fields: fieldsSchema,
});
export const updateSlotSchema = createSlotSchema.omit({ key: true }).partial();
export type CreateSlotInput = z.infer<typeof createSlotSchema>;
export type UpdateSlotInput = z.infer<typeof updateSlotSchema>;

export const audienceSchema = z.union(
  [
    z.strictObject({ segments: z.array(keySchema).min(1, "List at least one segment").max(20) }),
    z.strictObject({ rule: z.unknown().refine((v) => v !== undefined, "Give a rule") }),
    z.strictObject({ everyone: z.literal(true) }),
  ],
  { error: "An audience is { segments: [...] }, { rule: {...} } or { everyone: true }" },
);
export type Audience = z.infer<typeof audienceSchema>;

export const experienceRuleSchema = z.strictObject({
  id: z.string().min(1).max(64).optional(),
  audience: audienceSchema,
  variant: z.string().min(1),
});

export const variantSchema = z.strictObject({
  name: nameSchema,
  content: z.record(z.string(), z.unknown()),
});

const instant = z.iso.datetime({ offset: true, error: "Give an ISO 8601 date-time with an offset, like 2025-06-01T00:00:00Z" });

export const frequencyCapSchema = z.strictObject({
  max: z.number().int().min(1, "Show at least once").max(10_000),
  per: z.enum(["day", "week"]),
});
export const suppressionSchema = z.strictObject({
  event: z.string().min(1).max(200),
  filters: z.array(propertyFilterSchema).max(20).default([]),
});

const timeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "Give an IANA time zone such as Europe/Paris");

const experienceFields = {
  name: nameSchema,
  slot: keySchema,
  priority: z.number().int().min(0).max(1_000_000).default(100),
  scheduleStart: instant.nullable().default(null),
  scheduleEnd: instant.nullable().default(null),
  timeZone: timeZoneSchema.default("UTC"),
  holdoutPercent: z.number().int("Give a whole percentage").min(0).max(100).default(0),
  frequencyCap: frequencyCapSchema.nullable().default(null),
  suppression: suppressionSchema.nullable().default(null),
  goalEvent: z.string().min(1).max(200).nullable().default(null),
  rules: z.array(experienceRuleSchema).max(50, "Use at most 50 rules").default([]),
  variants: z.record(keySchema, variantSchema).refine((v) => Object.keys(v).length > 0, "Give at least one variant"),
  defaultVariant: z.string().min(1),
};

export const createExperienceSchema = z.strictObject({ key: keySchema, ...experienceFields });
/** A PATCH body: any experience fields (checked after merging with the stored draft) and a status. */
export const updateExperienceSchema = z.looseObject({ status: z.enum(["draft", "paused"], { error: "status may be set to draft or paused; use publish to go live" }).optional() });
export type CreateExperienceInput = z.infer<typeof createExperienceSchema>;

/** An experience's decision-relevant configuration, as validated and as snapshotted on publish. */
export interface ExperienceConfig {
  key: string;
  name: string;
  slot: string;
  priority: number;
  scheduleStart: string | null;
  scheduleEnd: string | null;
  timeZone: string;
  holdoutPercent: number;
  frequencyCap: z.infer<typeof frequencyCapSchema> | null;
  suppression: z.infer<typeof suppressionSchema> | null;
  goalEvent: string | null;
  rules: { id: string; audience: Audience; variant: string }[];
  variants: Record<string, { name: string; content: Record<string, unknown> }>;
  defaultVariant: string;
}

export const ofrepRequestSchema = z.object({
  context: z.record(z.string(), z.unknown()).default({}),
});
