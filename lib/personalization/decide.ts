/**
 * Decide: which content of a slot one visitor gets now. The first live experience (by priority)
 * whose schedule contains `now` and that is not suppressed or capped for the visitor decides:
 * consent opt-out → default; holdout bucket → default (SPLIT); else the first matching rule's
 * variant (TARGETING_MATCH) or the default (DEFAULT). See docs/personalization.md.
 */
import "server-only";
import type { Database } from "@/db/client";
import type { Facts } from "@/lib/rules/evaluate";
import { bucketOf } from "./bucket";
import type { Visitor } from "./load-visitor";
import { createRecommender, warmPopularProducts } from "./recommendations";
import { recordImpression } from "./record-impressions";
import type { Recommend } from "./render-content";
import { noteImpression, visitorFor } from "./visitor-cache";
import { explainMiss, type FailedCondition } from "./trace-rule";
import { getWorkspaceConfig, type CompiledExperience, type CompiledSlot, type WorkspaceConfig } from "./workspace-config";

export type DecisionReason = "TARGETING_MATCH" | "SPLIT" | "DEFAULT" | "DISABLED" | "ERROR";
export type Metadata = Record<string, string | number | boolean>;

export interface TraceEntry {
  experience: string;
  outcome: "not_scheduled" | "consent_opt_out" | "holdout" | "suppressed" | "capped" | "matched" | "default";
  detail?: string;
  rules?: { id: string; variant: string; matched: boolean; failed?: FailedCondition[]; missingSegments?: string[] }[];
}

/** An OFREP-shaped evaluation result (plus an optional trace). */
export interface Decision {
  key: string;
  value: Record<string, unknown>;
  reason: DecisionReason;
  variant?: string;
  metadata: Metadata;
  errorCode?: "GENERAL";
  errorDetails?: string;
  trace?: TraceEntry[];
}

export interface DecideInput {
  workspaceId: string;
  slotKey: string;
  /** OFREP evaluation context: `targetingKey` plus request-time facts (page URL, UTM, device…). */
  context: Record<string, unknown> & { targetingKey: string };
  now?: Date;
}

export interface DecideOptions {
  trace?: boolean;
  /** Queue an impression for what was served (default true; previews pass false). */
  record?: boolean;
  /** A config already loaded (bulk decisions share one). */
  config?: WorkspaceConfig;
  /** Once aborted (the time budget ran out), nothing more is recorded. An AbortSignal fits too. */
  signal?: { readonly aborted: boolean };
  /** Decide for this visitor instead of loading one (preview of a composed, hypothetical visitor). */
  visitor?: Visitor;
  /**
   * The real visitor, already being loaded with what this slot needs (and maybe more): bulk
   * decisions load a visitor once for all slots instead of once per slot.
   */
  preloaded?: Promise<Visitor>;
  /** Where to read the visitor (the decision pool); `db` otherwise. */
  visitorDb?: Database;
}

const CAP_PERIOD = { day: "day", week: "week" } as const;

function scheduled(e: CompiledExperience, now: number): boolean {
  return (e.start === null || e.start <= now) && (e.end === null || now < e.end);
}

/** Renders one variant of an experience for a visitor; products are looked up only for a recommendation block. */
async function serve(e: CompiledExperience, variantKey: string, scope: Record<string, unknown>, recommend?: Recommend): Promise<Record<string, unknown>> {
  const variant = e.variants.get(variantKey);
  if (!variant) return {};
  return variant.content.render(scope, variant.content.recommendations.length > 0 ? recommend : undefined);
}

/** Experiences that can decide at `now` (scheduled), highest priority first. */
export function scheduledExperiences(slot: CompiledSlot, now: Date): CompiledExperience[] {
  return slot.experiences.filter((e) => scheduled(e, now.getTime()));
}

export function renderScope(visitor: Visitor, facts: Facts): Record<string, unknown> {
  const last: Record<string, Record<string, unknown>> = {};
  const lastAt: Record<string, number> = {};
  for (const ev of visitor.events) {
    if ((lastAt[ev.event] ?? -Infinity) <= ev.timestamp.getTime()) {
      lastAt[ev.event] = ev.timestamp.getTime();
      last[ev.event] = ev.properties;
    }
  }
  return { traits: facts.profile.traits, context: facts.profile.context, profile: { userId: visitor.userId, known: visitor.userId !== null }, events: { last } };
}

/**
 * Decides one slot for one visitor; null when the workspace has no such slot. Throws when the
 * database fails — `decideWithBudget` turns that into the default variant.
 */
export async function decide(db: Database, input: DecideInput, options: DecideOptions = {}): Promise<Decision | null> {
  const now = input.now ?? new Date();
  const config = options.config ?? (await getWorkspaceConfig(db, input.workspaceId));
  const slot = config.slots.get(input.slotKey);
  if (!slot) return null;
  const trace: TraceEntry[] = [];
  const candidates = slot.experiences.filter((e) => {
    const ok = scheduled(e, now.getTime());
    if (!ok) trace.push({ experience: e.key, outcome: "not_scheduled" });
    return ok;
  });
  const done = (d: Omit<Decision, "key">): Decision => ({ key: slot.key, ...d, ...(options.trace ? { trace } : {}) });
  if (candidates.length === 0) return done({ value: {}, reason: "DISABLED", metadata: { slot: slot.key } });

  const { targetingKey, ...requestContext } = input.context;
  // A recommendation block needs the popular list: start it now, alongside the visitor load.
  if (candidates.some((e) => e.recommends)) warmPopularProducts(db, input.workspaceId, now);
  const visitor = options.visitor ?? (await (options.preloaded ?? visitorFor(db, config, { workspaceId: input.workspaceId, targetingKey, now, candidates }, options.visitorDb)));
  const facts: Facts = {
    profile: { userId: visitor.userId, traits: visitor.traits, context: { ...visitor.context, ...requestContext }, firstSeenAt: visitor.firstSeenAt, lastSeenAt: visitor.lastSeenAt },
    events: visitor.events,
    segments: (key) => visitor.segments.has(key),
  };
  const scope = renderScope(visitor, facts);
  // A composed visitor (preview) brings its own events; a real one is read when a block needs it.
  const recommend = createRecommender(db, { workspaceId: input.workspaceId, profileId: visitor.profileId, events: options.visitor ? visitor.events : undefined, now });
  const impression = (e: CompiledExperience, variant: string, holdout: boolean) => {
    if (options.record === false || options.signal?.aborted) return;
    recordImpression(db, { workspaceId: input.workspaceId, experienceId: e.id, variant, profileId: visitor.profileId, targetingKey, holdout, at: now });
    if (e.frequencyCap && !options.visitor) noteImpression(db, input.workspaceId, targetingKey, e.id);
  };

  if (visitor.consent.personalization === false) {
    const e = candidates[0];
    trace.push({ experience: e.key, outcome: "consent_opt_out" });
    // Opted out: recommendations come from the popular list, never from the visitor's history.
    const popularOnly = createRecommender(db, { workspaceId: input.workspaceId, profileId: null, now });
    return done({ value: await serve(e, e.defaultVariant, scope, popularOnly), reason: "DEFAULT", variant: e.defaultVariant, metadata: { experience: e.key, consent: "personalization_opted_out" } });
  }

  for (const e of candidates) {
    if (e.holdoutPercent > 0 && bucketOf(`${e.key}:${targetingKey}`) < e.holdoutPercent) {
      trace.push({ experience: e.key, outcome: "holdout" });
      impression(e, e.defaultVariant, true);
      return done({ value: await serve(e, e.defaultVariant, scope, recommend), reason: "SPLIT", variant: e.defaultVariant, metadata: { experience: e.key, holdout: true } });
    }
    if (e.suppression && e.suppression.test(facts, now)) {
      trace.push({ experience: e.key, outcome: "suppressed", detail: `${e.suppression.event} happened` });
      continue;
    }
    if (e.frequencyCap) {
      const seen = visitor.impressions.get(e.id)?.[CAP_PERIOD[e.frequencyCap.per]] ?? 0;
      if (seen >= e.frequencyCap.max) {
        trace.push({ experience: e.key, outcome: "capped", detail: `shown ${seen} times in the last ${e.frequencyCap.per}, cap ${e.frequencyCap.max}` });
        continue;
      }
    }
    const rules: NonNullable<TraceEntry["rules"]> = [];
    for (const r of e.rules) {
      let matched: boolean;
      let segment: string | undefined;
      if (r.kind === "segments") {
        segment = r.segments.find((s) => visitor.segments.has(s));
        matched = segment !== undefined;
        if (!matched && options.trace) rules.push({ id: r.id, variant: r.variant, matched, missingSegments: r.segments });
      } else if (r.kind === "rule") {
        matched = r.test(facts, now);
        if (!matched && options.trace) rules.push({ id: r.id, variant: r.variant, matched, failed: explainMiss(r.rule, facts, now) });
      } else matched = true;
      if (!matched) continue;
      rules.push({ id: r.id, variant: r.variant, matched: true });
      trace.push({ experience: e.key, outcome: "matched", rules });
      impression(e, r.variant, false);
      const metadata: Metadata = { experience: e.key, rule: r.id, ...(segment ? { segment } : {}) };
      return done({ value: await serve(e, r.variant, scope, recommend), reason: "TARGETING_MATCH", variant: r.variant, metadata });
    }
    trace.push({ experience: e.key, outcome: "default", rules });
    impression(e, e.defaultVariant, false);
    return done({ value: await serve(e, e.defaultVariant, scope, recommend), reason: "DEFAULT", variant: e.defaultVariant, metadata: { experience: e.key } });
  }
  // Every scheduled experience was suppressed or capped for this visitor.
  return done({ value: {}, reason: "DISABLED", metadata: { slot: slot.key } });
}

/** The content a slot falls back to without any visitor data: the first live experience's default. */
export async function fallbackDecision(slot: CompiledSlot, now: Date, details: string): Promise<Decision> {
  const e = slot.experiences.find((x) => scheduled(x, now.getTime())) ?? null;
  let value: Record<string, unknown> = {};
  if (e) {
    try {
      value = await serve(e, e.defaultVariant, { traits: {}, context: {}, profile: { userId: null, known: false }, events: { last: {} } });
    } catch {
      value = {};
    }
  }
  return { key: slot.key, value, reason: "ERROR", ...(e ? { variant: e.defaultVariant } : {}), metadata: e ? { experience: e.key } : { slot: slot.key }, errorCode: "GENERAL", errorDetails: details };
}
