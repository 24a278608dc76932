/**
 * What `POST /api/v1/preview` accepts and returns: whom to preview (a real profile, a composed
 * hypothetical visitor, or a typical member of a segment) and, per slot, the decision with every
 * reason behind it.
 */
import { z } from "zod";
import type { Decision, TraceEntry } from "./decide";
import type { SlotField } from "./schemas";
import type { FailedCondition } from "./trace-rule";

const MAX_EVENTS = 500;

const instant = (what: string) => z.iso.datetime({ offset: true, error: `Give ${what} as an ISO date-time, like 2025-06-01T12:00:00Z` });
const jsonKey = z.string().min(1, "Give a name").max(200, "Keep names under 200 characters");
const contextValue = z.union([z.string().max(2000, "Keep context values under 2,000 characters"), z.number(), z.boolean()], {
  error: "Context values are text, numbers or true/false",
});

export const composedEventSchema = z.strictObject({
  event: z.string().trim().min(1, "Give the event's name, like Page Viewed").max(200, "Keep event names under 200 characters"),
  properties: z.record(jsonKey, z.unknown(), { error: "properties must be an object, like { \"category\": \"sports\" }" }).default({}),
  timestamp: instant("when it happened"),
});

/** A hypothetical visitor: nothing is stored, the decision runs on exactly these facts. */
export const composedVisitorSchema = z.strictObject({
  userId: z
    .string()
    .trim()
    .max(255, "Keep the user id under 255 characters")
    .nullable()
    .default(null)
    .transform((v) => v || null)
    .describe("Known user id; null or empty for an anonymous visitor"),
  anonymousId: z.string().trim().min(1, "Give an anonymous id (it decides holdout buckets)").max(255).default("preview-visitor"),
  traits: z.record(jsonKey, z.unknown(), { error: "traits must be an object, like { \"first_name\": \"Ana\" }" }).default({}),
  context: z.record(jsonKey, z.unknown(), { error: "context must be an object, like { \"country\": \"VN\" }" }).default({}).describe("Last known context: device, country, utm_source…"),
  consent: z
    .strictObject({ personalization: z.boolean({ error: "Give true or false" }).optional(), analytics: z.boolean({ error: "Give true or false" }).optional() })
    .default({}),
  firstSeenAt: instant("the first visit").optional(),
  events: z.array(composedEventSchema).max(MAX_EVENTS, `Give at most ${MAX_EVENTS} events`).default([]),
  segments: z.array(z.string().min(1).max(64)).max(50).default([]).describe("Segments to count the visitor in even if their rules say otherwise"),
  impressions: z
    .record(
      z.string().min(1).max(64),
      z.strictObject({ day: z.number().int().min(0, "Give 0 or more"), week: z.number().int().min(0, "Give 0 or more") }).refine((v) => v.week >= v.day, {
        message: "The last week includes the last day: week must be at least day",
        path: ["week"],
      }),
    )
    .default({})
    .describe("Impressions already seen per experience key (for frequency caps)"),
});
export type ComposedVisitor = z.output<typeof composedVisitorSchema>;
export type ComposedVisitorInput = z.input<typeof composedVisitorSchema>;

export const previewRequestSchema = z
  .strictObject({
    profile: z.string().trim().min(1, "Give a user id, anonymous id or profile id").max(255).optional(),
    visitor: composedVisitorSchema.optional(),
    segment: z.string().trim().min(1, "Give a segment key").max(64).optional(),
    member: z.number().int().min(0).max(100_000).default(0).describe("With segment: which member (0 = the most recently seen known member)"),
    slots: z.array(z.string().min(1).max(64)).max(100).optional().describe("Slot keys; all slots when absent"),
    context: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "Context keys are letters, digits and _ (like utm_source)"), contextValue).default({}),
  })
  .superRefine((v, ctx) => {
    const given = [v.profile, v.visitor, v.segment].filter((x) => x !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: "custom", path: [], message: "Give exactly one of profile, visitor or segment" });
    if ("targetingKey" in v.context) ctx.addIssue({ code: "custom", path: ["context", "targetingKey"], message: "The visitor decides the targeting key; leave it out of context" });
  });
export type PreviewRequest = z.output<typeof previewRequestSchema>;
export type PreviewRequestInput = z.input<typeof previewRequestSchema>;

export interface PreviewVisitor {
  kind: "profile" | "visitor" | "segment";
  targetingKey: string;
  profileId: string | null;
  userId: string | null;
  anonymousIds: string[];
  /** First and last name, else email, else null. */
  name: string | null;
  email: string | null;
  traits: Record<string, unknown>;
  consent: Record<string, boolean>;
  /** stored: real membership; computed: the rules evaluated on a composed visitor; assumed: given by hand. */
  segments: { key: string; name: string; how: "stored" | "computed" | "assumed" }[];
  /** See as segment: which member was picked and out of how many. */
  segment?: { key: string; name: string; members: number; index: number };
}

export interface PreviewRule {
  id: string;
  variant: string;
  variantName: string;
  /** The audience in plain English. */
  audience: string;
  /** null: not evaluated (an earlier rule matched, or the experience stopped before its rules). */
  matched: boolean | null;
  missingSegments?: { key: string; name: string }[];
  failed?: FailedCondition[];
}

export interface PreviewExperience {
  key: string;
  name: string;
  priority: number;
  /** not_reached: an earlier experience of the slot already decided. */
  outcome: TraceEntry["outcome"] | "not_reached";
  detail?: string;
  holdout: { percent: number; bucket: number; heldOut: boolean } | null;
  frequencyCap: { max: number; per: "day" | "week"; seen: number } | null;
  suppression: { event: string; description: string; happened: boolean } | null;
  schedule: { start: string | null; end: string | null };
  defaultVariant: { key: string; name: string };
  rules: PreviewRule[];
}

export interface PreviewSlot {
  key: string;
  name: string;
  channel: "web" | "email";
  fields: SlotField[];
  decision: Omit<Decision, "trace">;
  experiences: PreviewExperience[];
}

export interface PreviewResult {
  visitor: PreviewVisitor;
  /** The request-time context the decisions saw (without targetingKey). */
  context: Record<string, unknown>;
  evaluatedAt: string;
  slots: PreviewSlot[];
}
