import { z } from "zod";
import type { Operation } from "@/lib/api/openapi";
import { breakdownQuerySchema } from "./breakdown-schemas";
import { experienceResultsQuerySchema } from "./experience-results";

const group = {
  impressions: z.number().int(),
  visitors: z.number().int().describe("Distinct targeting keys shown this group in the window"),
  converters: z.number().int().describe("Distinct visitors of this group with a conversion in the window"),
  conversions: z.number().int().describe("All conversions of those visitors in the window"),
  conversionRate: z.number().describe("converters / visitors"),
};

const liftSchema = z.object({
  controlRate: z.number(),
  variantRate: z.number(),
  absoluteLift: z.number().describe("variantRate − controlRate"),
  relativeLift: z.number().nullable().describe("(variantRate − controlRate) / controlRate; null when the holdout has no conversions"),
  relativeLiftCi: z.object({ lower: z.number(), upper: z.number() }).nullable().describe("95% interval (delta method on the log rate ratio)"),
  z: z.number(),
  pValue: z.number().describe("Two-sided, pooled two-proportion z-test"),
  significant: z.boolean().describe("pValue < 0.05, the interval excludes 0, and enoughData"),
  enoughData: z.boolean().describe("Each group has at least 100 visitors and 10 conversions"),
  reason: z.string().nullable(),
});

const daySchema = z.object({ visitors: z.number().int(), conversions: z.number().int() });
const cumulativeGroup = z.object({
  visitors: z.number().int().describe("Distinct visitors first shown this group on or before the day"),
  converters: z.number().int().describe("Of those, visitors who had converted by the end of the day"),
  conversionRate: z.number(),
});

/** The results document of `GET /api/v1/experiences/{key}/results`. */
export const experienceResultsSchema = z.object({
  experience: z.object({
    key: z.string(),
    name: z.string(),
    status: z.string(),
    goalEvent: z.string().nullable(),
    holdoutPercent: z.number().int(),
    defaultVariant: z.string(),
  }),
  window: z.object({ from: z.iso.datetime().nullable(), to: z.iso.datetime().nullable() }),
  holdout: z.object(group).nullable().describe("The control group; null when the experience has no holdout"),
  variants: z.array(z.object({ key: z.string(), name: z.string(), ...group, lift: liftSchema.nullable() })),
  daily: z.array(z.object({ day: z.iso.date(), holdout: daySchema.nullable(), variants: z.record(z.string(), daySchema) })),
  cumulative: z
    .array(z.object({ day: z.iso.date(), holdout: cumulativeGroup.nullable(), variants: z.record(z.string(), cumulativeGroup) }))
    .describe("Running totals per UTC day, for a cumulative conversion-rate chart; the last point equals the totals"),
  asOf: z.iso.datetime().describe("When the figures were counted; answers are cached for up to 30 seconds"),
});

/** Experience results routes for the OpenAPI document. */
export const INSIGHTS_RESULTS_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/experiences/{key}/results",
    summary: "Visitors, conversions and lift over the holdout per variant, with a daily series",
    tag: "Personalization",
    auth: "viewer",
    params: z.object({ key: z.string() }),
    query: experienceResultsQuerySchema,
    responses: { 200: { description: "Results", schema: experienceResultsSchema } },
  },
];

const breakdownField = z.object({ field: z.string(), label: z.string(), source: z.enum(["traits", "context"]), type: z.enum(["string", "number", "boolean"]) });

/** The document of `GET /api/v1/segments/{key}/breakdown`. */
export const segmentBreakdownSchema = z.object({
  segment: z.object({ key: z.string(), name: z.string(), size: z.number().int().describe("Stored members now") }),
  field: breakdownField.extend({ banded: z.boolean().describe("Numbers grouped into bands (age: the usual age bands)") }).nullable(),
  totalProfiles: z.number().int(),
  rows: z.array(
    z.object({
      key: z.string().describe("The raw value or band label; empty for Other and (not set)"),
      label: z.string(),
      kind: z.enum(["value", "band", "other", "not_set"]),
      members: z.number().int(),
      profiles: z.number().int(),
      segmentShare: z.number().describe("members / segment size"),
      allShare: z.number().describe("profiles / all profiles"),
      index: z.number().nullable().describe("segmentShare / allShare × 100; 100 = as common as among all profiles"),
      representation: z.enum(["over", "under", "even", "too_few"]).describe("over: index ≥ 120, under: ≤ 80, too_few: under 20 members expected and seen"),
    }),
  ),
  fields: z.array(breakdownField).describe("Every field `by` may name"),
  asOf: z.iso.datetime().describe("When the counts were taken; answers are cached for up to a minute"),
});

/** Segment breakdown route for the OpenAPI document. */
export const INSIGHTS_BREAKDOWN_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/segments/{key}/breakdown",
    summary: "Members of a segment by a trait or context field, against all profiles, with an index",
    tag: "Insights",
    auth: "viewer",
    params: z.object({ key: z.string() }),
    query: breakdownQuerySchema,
    responses: { 200: { description: "The breakdown", schema: segmentBreakdownSchema } },
  },
];
