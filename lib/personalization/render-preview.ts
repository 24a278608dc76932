/**
 * Renders one variant's unsaved content for one visitor, as the editor's live preview: the content
 * is checked against the slot's fields exactly as saving checks it (validate-experience), then each
 * valid field is rendered with the same sandbox and scope decide uses. A bad field does not hide
 * the good ones: values and per-field errors come back together.
 */
import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import type { Facts } from "@/lib/rules/evaluate";
import { renderScope } from "./decide";
import { loadVisitor, type Visitor } from "./load-visitor";
import { createRecommender } from "./recommendations";
import { compileContent } from "./render-content";
import type { SlotField } from "./schemas";
import { getSlotByKey } from "./slots";
import { contentProblems } from "./validate-experience";

export const renderPreviewSchema = z.strictObject({
  slot: z.string().min(1, "Give the slot's key").max(64),
  content: z.record(z.string(), z.unknown()),
  targetingKey: z
    .string()
    .trim()
    .max(255, "Keep the visitor id under 255 characters")
    .nullable()
    .default(null)
    .describe("A userId or anonymousId; null or empty renders for an anonymous first-time visitor"),
  context: z.record(z.string(), z.unknown()).default({}).describe("Request-time facts (page_url, utm_campaign…), as a site would send them"),
});
export type RenderPreviewInput = z.input<typeof renderPreviewSchema>;

export const renderPreviewResultSchema = z.object({
  values: z.record(z.string(), z.unknown()).describe("Rendered value per field that is valid; omitted fields had no value or an error"),
  errors: z.array(z.object({ path: z.array(z.string()), message: z.string() })).describe('Problems by path, like ["content", "headline"]'),
  visitor: z.object({
    targetingKey: z.string().nullable(),
    found: z.boolean().describe("A profile has this user or anonymous id"),
    userId: z.string().nullable(),
    personalizationOptOut: z.boolean().describe("The visitor opted out: a live decision would serve the default variant"),
    traits: z.record(z.string(), z.unknown()),
  }),
});
export type RenderPreviewResult = z.infer<typeof renderPreviewResultSchema>;

type Problem = { path: string[]; message: string };

function anonymousVisitor(now: Date): Visitor {
  return { profileId: null, userId: null, traits: {}, context: {}, consent: {}, firstSeenAt: now, lastSeenAt: now, events: [], segments: new Set(), impressions: new Map() };
}

/** Validates and renders `content` for the visitor behind `targetingKey` (or an anonymous one). */
export async function renderPreview(db: Database, workspaceId: string, input: z.output<typeof renderPreviewSchema>, now = new Date()): Promise<RenderPreviewResult> {
  const slot = await getSlotByKey(db, workspaceId, input.slot);
  const fields = slot.fields as SlotField[];
  const errors: Problem[] = contentProblems(fields, input.content, ["content"]);
  const bad = new Set(errors.map((e) => e.path[1]));

  // Compile field by field, so one template the sandbox refuses leaves the others rendering.
  const compiled = fields.filter((f) => !bad.has(f.key) && input.content[f.key] !== undefined && input.content[f.key] !== null && input.content[f.key] !== "").map((field) => ({ field, content: compileContent([field], input.content) }));
  const eventNeeds = new Map<string, number | null>(compiled.flatMap((c) => c.content.lastEvents.map((name) => [name, null] as const)));

  const targetingKey = input.targetingKey || null;
  const visitor = targetingKey ? await loadVisitor(db, { workspaceId, targetingKey, now, eventNeeds, cappedExperienceIds: [] }) : anonymousVisitor(now);
  const facts: Facts = {
    profile: { userId: visitor.userId, traits: visitor.traits, context: { ...visitor.context, ...input.context }, firstSeenAt: visitor.firstSeenAt, lastSeenAt: visitor.lastSeenAt },
    events: visitor.events,
    segments: (key) => visitor.segments.has(key),
  };
  const scope = renderScope(visitor, facts);
  // Recommendation blocks fill as decide fills them (popular only for an opted-out visitor).
  const recommend = createRecommender(db, { workspaceId, profileId: visitor.consent.personalization === false ? null : visitor.profileId, now });

  const values: Record<string, unknown> = {};
  for (const { field, content } of compiled) {
    try {
      Object.assign(values, await content.render(scope, recommend));
    } catch (error) {
      errors.push({ path: ["content", field.key], message: `Could not render: ${(error as Error).message}` });
    }
  }
  return {
    values,
    errors,
    visitor: { targetingKey, found: visitor.profileId !== null, userId: visitor.userId, personalizationOptOut: visitor.consent.personalization === false, traits: visitor.traits },
  };
}
