import { z } from "zod";
import type { Operation } from "@/lib/api/openapi";
import { previewRequestSchema } from "./preview-schemas";

const failed = z.object({ path: z.array(z.union([z.string(), z.number()])), condition: z.string(), actual: z.unknown().describe("The visitor's actual value") });
const rule = z.object({
  id: z.string(),
  variant: z.string(),
  variantName: z.string(),
  audience: z.string().describe("The audience in plain English"),
  matched: z.boolean().nullable().describe("null: not evaluated (an earlier rule matched or the experience stopped before its rules)"),
  missingSegments: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
  failed: z.array(failed).optional(),
});
const experience = z.object({
  key: z.string(),
  name: z.string(),
  priority: z.number().int(),
  outcome: z.enum(["not_scheduled", "consent_opt_out", "holdout", "suppressed", "capped", "matched", "default", "not_reached"]),
  detail: z.string().optional(),
  holdout: z.object({ percent: z.number(), bucket: z.number().int(), heldOut: z.boolean() }).nullable(),
  frequencyCap: z.object({ max: z.number().int(), per: z.enum(["day", "week"]), seen: z.number().int() }).nullable(),
  suppression: z.object({ event: z.string(), description: z.string(), happened: z.boolean() }).nullable(),
  schedule: z.object({ start: z.string().nullable(), end: z.string().nullable() }),
  defaultVariant: z.object({ key: z.string(), name: z.string() }),
  rules: z.array(rule),
});
const resultSchema = z.object({
  visitor: z.object({
    kind: z.enum(["profile", "visitor", "segment"]),
    targetingKey: z.string(),
    profileId: z.string().nullable(),
    userId: z.string().nullable(),
    anonymousIds: z.array(z.string()),
    name: z.string().nullable(),
    email: z.string().nullable(),
    traits: z.record(z.string(), z.unknown()),
    consent: z.record(z.string(), z.boolean()),
    segments: z.array(z.object({ key: z.string(), name: z.string(), how: z.enum(["stored", "computed", "assumed"]) })),
    segment: z.object({ key: z.string(), name: z.string(), members: z.number().int(), index: z.number().int() }).optional(),
  }),
  context: z.record(z.string(), z.unknown()),
  evaluatedAt: z.iso.datetime(),
  slots: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      channel: z.enum(["web", "email"]),
      fields: z.array(z.object({ key: z.string(), label: z.string().optional(), type: z.string(), required: z.boolean() })),
      decision: z.object({ key: z.string(), value: z.record(z.string(), z.unknown()), reason: z.string(), variant: z.string().optional(), metadata: z.record(z.string(), z.unknown()) }),
      experiences: z.array(experience),
    }),
  ),
});

/** Preview as a visitor, for the OpenAPI document. */
export const PREVIEW_OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/api/v1/preview",
    summary: "Decide every slot for one visitor (a profile, a segment's member or a composed visitor) with the reasons; records nothing",
    tag: "Personalization",
    auth: "viewer",
    body: previewRequestSchema,
    responses: { 200: { description: "Per slot the decision and, per experience, why", schema: resultSchema } },
  },
];
