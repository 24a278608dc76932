import { z } from "zod";
import type { Operation } from "@/lib/api/openapi";
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
