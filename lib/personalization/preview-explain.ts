/**
 * Turns decide's trace into what the preview page shows per experience: its outcome, each rule's
 * audience in plain English with why it did or did not match, and the visitor's standing on
 * holdout, frequency cap and suppression (computed even when decide stopped before them).
 */
import "server-only";
import type { Rule } from "@/lib/rules/ast";
import { describe } from "@/lib/rules/describe";
import type { Facts } from "@/lib/rules/evaluate";
import { bucketOf } from "./bucket";
import type { TraceEntry } from "./decide";
import type { Visitor } from "./load-visitor";
import type { PreviewExperience, PreviewRule } from "./preview-schemas";
import type { CompiledExperience, CompiledRule } from "./workspace-config";

export interface ExplainContext {
  targetingKey: string;
  visitor: Visitor;
  facts: Facts;
  now: Date;
  segmentName: (key: string) => string;
}

function sentence(rule: Rule): string {
  try {
    return describe(rule);
  } catch {
    return "A custom rule";
  }
}

function audienceText(r: CompiledRule, segmentName: (key: string) => string): string {
  switch (r.kind) {
    case "segments":
      return `Members of ${r.segments.map((k) => segmentName(k)).join(" or ")}`;
    case "rule":
      return sentence(r.rule);
    case "everyone":
      return "Everyone";
  }
}

/** One experience of a slot, explained for this visitor. */
export function explainExperience(e: CompiledExperience, entry: TraceEntry | undefined, ctx: ExplainContext): PreviewExperience {
  const traced = new Map((entry?.rules ?? []).map((r) => [r.id, r]));
  const variantName = (key: string) => e.variants.get(key)?.name ?? key;
  const rules: PreviewRule[] = e.rules.map((r) => {
    const t = traced.get(r.id);
    return {
      id: r.id,
      variant: r.variant,
      variantName: variantName(r.variant),
      audience: audienceText(r, ctx.segmentName),
      matched: t ? t.matched : null,
      ...(t?.missingSegments ? { missingSegments: t.missingSegments.map((key) => ({ key, name: ctx.segmentName(key) })) } : {}),
      ...(t?.failed ? { failed: t.failed } : {}),
    };
  });
  const bucket = bucketOf(`${e.key}:${ctx.targetingKey}`);
  let happened = false;
  try {
    happened = e.suppression ? e.suppression.test(ctx.facts, ctx.now) : false;
  } catch {
    happened = false;
  }
  return {
    key: e.key,
    name: e.name,
    priority: e.priority,
    outcome: entry?.outcome ?? "not_reached",
    ...(entry?.detail ? { detail: entry.detail } : {}),
    holdout: e.holdoutPercent > 0 ? { percent: e.holdoutPercent, bucket, heldOut: bucket < e.holdoutPercent } : null,
    frequencyCap: e.frequencyCap ? { max: e.frequencyCap.max, per: e.frequencyCap.per, seen: ctx.visitor.impressions.get(e.id)?.[e.frequencyCap.per] ?? 0 } : null,
    suppression: e.suppression ? { event: e.suppression.event, description: sentence(e.suppression.rule), happened } : null,
    schedule: { start: e.start === null ? null : new Date(e.start).toISOString(), end: e.end === null ? null : new Date(e.end).toISOString() },
    defaultVariant: { key: e.defaultVariant, name: variantName(e.defaultVariant) },
    rules,
  };
}
