/**
 * The rule language: a typed JSON tree, validated by `parse` before anything evaluates it.
 *
 * ONE MEANING OF VALUES — `evaluate` (TypeScript) and `compileToSql` (PostgreSQL) implement exactly
 * this, and a differential property test keeps them identical:
 *
 * - Missing: a value is missing when its key is absent or JSON `null` (`user_id` NULL).
 * - Fit: every operator reads one JSON type — text operators read strings, numeric operators
 *   numbers, `is_true`/`is_false` booleans, date operators dates, list operators arrays. A value of
 *   another type does not fit: `"5"` is not a number, `5` is not text, `1714000000` is not a date.
 * - Every operator except `exists`/`not_exists` is FALSE on a missing or non-fitting value, the
 *   negative ones included: `not_equals`, `none_of`, `not_contains` never match a missing value
 *   ("you cannot say that a missing country is not US"). `exists` is true for any present value
 *   (`""` and `[]` too), `not_exists` is its exact complement. To include missing values, negate a
 *   group: `{negate: true, children: [country equals US]}` matches everyone not known to be in the US.
 * - Text: equals, not_equals, one_of, none_of, contains, not_contains, starts_with, ends_with and
 *   list element matching ignore the case of ASCII letters A–Z only; every other character,
 *   whitespace included, compares exactly.
 * - Numbers: JSON numbers only, compared as exact decimals (sum of 19.99 and 0.01 is 20).
 * - Dates: ISO 8601 strings `YYYY-MM-DD`, optionally `THH:MM[:SS[.mmm]]` (or a space instead of
 *   `T`) and `Z` or `±HH:MM`; no offset means UTC. Impossible dates (`2024-02-30`) do not fit.
 *   `before` is `<`, `after` is `>`; `between` (dates and numbers) includes both ends.
 *   `within_last_days N`: now − N×24h < t ≤ now. `more_than_days_ago N`: t ≤ now − N×24h.
 *   A day is exactly 24 hours; there are no calendar or daylight-saving adjustments.
 * - Events: only events with timestamp ≤ now exist, for every measure — that is what makes
 *   evaluating "as of" a past instant possible. Windows: `last N unit` is now − N×unit < t ≤ now,
 *   `between` is from ≤ t ≤ to, `ever` is everything up to now. Event names match exactly.
 * - Measures: `count` of matching events; `sum` of a numeric property (non-numbers skipped; the
 *   sum of nothing is 0); `avg`/`min`/`max` of the numeric values (none → no value → false);
 *   `first`/`last` occurrence time (none → false). So "never did X" is count exactly 0.
 * - `since: {event: Y}` keeps only X events strictly later than the latest Y event (any time up to
 *   now; no Y at all keeps every X): "added to cart but has not ordered since" is
 *   `{event: "Product Added", since: {event: "Order Completed"}}` with count at least 1.
 * - Groups: an empty `and` matches everyone, an empty `or` no one (so a new builder starts at
 *   "everyone"); `negate` inverts the group's result.
 * - Segments: membership is never missing; `not_in` is exactly the complement of `in`.
 */
import { z } from "zod";

export const MAX_DEPTH = 8;
export const MAX_NODES = 500;

// PostgreSQL text holds neither NUL nor unpaired UTF-16 surrogates; such input could never match.
const storable = (s: string) => !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const storableMessage = "Text must not contain NUL characters or unpaired surrogates";
const text = z.string().max(1000, "Keep text values under 1000 characters").refine(storable, storableMessage);
const name = z
  .string()
  .min(1, "Must not be empty")
  .max(200, "Keep names under 200 characters")
  .refine(storable, storableMessage);
const id = z.string().max(100).optional();
const scalar = z.union([text, z.number()], { error: "Give a text or number value" });
const days = z.number().int("Give a whole number of days").min(1, "Give at least 1 day").max(36500);

/** Operator + value, shared by trait conditions and event property filters. */
const predicateShapes = [
  z.strictObject({ operator: z.enum(["exists", "not_exists", "is_true", "is_false"]) }),
  z.strictObject({ operator: z.enum(["equals", "not_equals"]), value: scalar }),
  z.strictObject({
    operator: z.enum(["one_of", "none_of"]),
    value: z.union([z.array(text).min(1).max(500), z.array(z.number()).min(1).max(500)], {
      error: "Give a non-empty list of texts or a non-empty list of numbers",
    }),
  }),
  z.strictObject({
    operator: z.enum(["contains", "not_contains", "starts_with", "ends_with"]),
    value: text.min(1, "Give the text to look for"),
  }),
  z.strictObject({ operator: z.enum(["gt", "gte", "lt", "lte"]), value: z.number({ error: "Give a number" }) }),
  z.strictObject({
    operator: z.literal("between"),
    value: z.union([z.tuple([z.number(), z.number()]), z.tuple([text, text])], {
      error: "Give two bounds: [low, high] as numbers, or as dates like 2024-01-31",
    }),
  }),
  z.strictObject({ operator: z.enum(["before", "after"]), value: text }),
  z.strictObject({ operator: z.enum(["within_last_days", "more_than_days_ago"]), value: days }),
  z.strictObject({
    operator: z.enum(["list_contains_any", "list_contains_all"]),
    value: z.array(scalar).min(1, "Give at least one value").max(500),
  }),
] as const;

type Shape = (typeof predicateShapes)[number];
type ExtendEach<T, E extends z.core.$ZodLooseShape> = {
  [K in keyof T]: T[K] extends z.ZodObject<infer S> ? z.ZodObject<S & E, z.core.$strict> : never;
};
const extendAll = <E extends z.core.$ZodLooseShape>(extra: E) =>
  predicateShapes.map((shape) => shape.extend(extra)) as unknown as ExtendEach<typeof predicateShapes, E>;

export const traitConditionSchema = z.discriminatedUnion(
  "operator",
  extendAll({ type: z.literal("trait"), id, field: name }),
);

export const propertyFilterSchema = z.discriminatedUnion("operator", extendAll({ property: name }));

export const measureSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("count") }),
  z.strictObject({ kind: z.enum(["sum", "avg", "min", "max"]), property: name }),
  z.strictObject({ kind: z.enum(["first", "last"]) }),
]);

export const comparisonSchema = z.discriminatedUnion("op", [
  z.strictObject({ op: z.enum(["at_least", "at_most", "exactly"]), value: z.number({ error: "Give a number" }) }),
  z.strictObject({ op: z.literal("between"), value: scalar, value2: scalar }),
  z.strictObject({ op: z.enum(["before", "after"]), value: text }),
  z.strictObject({ op: z.enum(["within_last_days", "more_than_days_ago"]), value: days }),
]);

export const windowSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("ever") }),
  z.strictObject({
    kind: z.literal("last"),
    amount: z.number().int("Give a whole number").min(1, "Give at least 1").max(1_000_000),
    unit: z.enum(["minutes", "hours", "days"]),
  }),
  z.strictObject({ kind: z.literal("between"), from: text, to: text }),
]);

const filters = z.array(propertyFilterSchema).max(20, "Use at most 20 property filters");

export const eventConditionSchema = z.strictObject({
  type: z.literal("event"),
  id,
  event: name,
  filters: filters.default([]),
  measure: measureSchema.default({ kind: "count" }),
  comparison: comparisonSchema.default({ op: "at_least", value: 1 }),
  window: windowSchema.default({ kind: "ever" }),
  since: z.strictObject({ event: name, filters: filters.default([]) }).optional(),
});

export const segmentConditionSchema = z.strictObject({
  type: z.literal("segment"),
  id,
  op: z.enum(["in", "not_in"]),
  segment: name,
});

export const groupSchema = z.strictObject({
  type: z.literal("group"),
  id,
  op: z.enum(["and", "or"]),
  negate: z.boolean().optional(),
  get children(): z.ZodArray<typeof nodeSchema> {
    return z.array(nodeSchema).max(100, "Use at most 100 conditions per group");
  },
});

export const nodeSchema = z.discriminatedUnion("type", [
  groupSchema,
  traitConditionSchema,
  eventConditionSchema,
  segmentConditionSchema,
]);

export type Group = z.infer<typeof groupSchema>;
export type TraitCondition = z.infer<typeof traitConditionSchema>;
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;
export type EventCondition = z.infer<typeof eventConditionSchema>;
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;
export type Measure = z.infer<typeof measureSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type EventWindow = z.infer<typeof windowSchema>;
export type Node = z.infer<typeof nodeSchema>;
/** The operator and value of a trait condition or property filter. */
export type Predicate = z.infer<Shape>;
export type Operator = Predicate["operator"];
/** Rule JSON as written by a client, before defaults are applied. */
export type RuleInput = z.input<typeof nodeSchema>;

declare const parsed: unique symbol;
/** A rule that `parse` accepted; the only input `evaluate`, `compileToSql` and `describe` take. */
export type Rule = Node & { readonly [parsed]: true };
