/**
 * Plain-words reading of experience results, shared by the results panel and the overview:
 * which variant is best against the holdout and whether that is a finding or not yet. Pure, so
 * the wording is tested with the numbers (lib/insights/lift.ts decides "enough data").
 */
import { MIN_CONVERSIONS, MIN_VISITORS, type LiftResult } from "./lift";

export type Verdict = "no_holdout" | "no_traffic" | "not_enough_data" | "better" | "worse" | "inconclusive";

interface VariantLike {
  key: string;
  name: string;
  visitors: number;
  lift: LiftResult | null;
}

export interface ExperienceSummary<V extends VariantLike = VariantLike> {
  verdict: Verdict;
  /** The variant with the highest lift among those with enough data, or the most-seen one; null without traffic. */
  best: V | null;
  sentence: string;
}

/** What a marketer needs before a result means anything, in words. */
export const ENOUGH_DATA_RULE = `each group needs at least ${MIN_VISITORS} visitors and ${MIN_CONVERSIONS} conversions`;

const MINUS = "\u2212";
const ratioFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** 0.2 → "+20%", −0.054 → "−5%", 0.004 → "+0.4%". */
export function formatSignedPercent(ratio: number): string {
  const pct = ratio * 100;
  const digits = Math.abs(pct) < 1 && pct !== 0 ? 1 : 0;
  const text = Math.abs(pct).toFixed(digits);
  if (Number(text) === 0) return "0%";
  return `${pct > 0 ? "+" : MINUS}${text}%`;
}

/** 1.8 → "1.8×". */
export function formatRatio(ratio: number): string {
  return `${ratioFormat.format(ratio)}×`;
}

/** One variant against the holdout, e.g. "“Sports” converts 1.8× the holdout, 95% CI +20% to +95%." */
export function describeVariantLift(variant: VariantLike): string {
  const lift = variant.lift;
  // Quoted: variant names are often plural audiences ("Sports readers"), and this is the variant.
  const name = `“${variant.name}”`;
  if (!lift) return `${name}: no holdout, so lift cannot be measured.`;
  if (variant.visitors === 0) return `${name} has no visitors yet.`;
  if (!lift.enoughData) return lift.reason ?? `Not enough data yet: ${ENOUGH_DATA_RULE}.`;
  if (lift.relativeLift === null || lift.relativeLiftCi === null) return `Not enough data yet: the holdout has no conversions to compare with.`;
  const ratio = formatRatio(1 + lift.relativeLift);
  const ci = `95% CI ${formatSignedPercent(lift.relativeLiftCi.lower)} to ${formatSignedPercent(lift.relativeLiftCi.upper)}`;
  if (lift.significant) {
    return lift.relativeLift > 0
      ? `${name} converts ${ratio} the holdout, ${ci}.`
      : `${name} converts ${ratio} the holdout (worse), ${ci}.`;
  }
  return `${name} converts ${ratio} the holdout, ${ci}: not significant, the difference could be chance.`;
}

/** The experience's headline: its best variant and whether the lift is real, not yet known, or absent. */
export function summarizeExperience<V extends VariantLike>(results: { holdout: { visitors: number } | null; variants: V[] }): ExperienceSummary<V> {
  const seen = results.variants.filter((v) => v.visitors > 0);
  const mostSeen = seen.reduce<V | null>((best, v) => (!best || v.visitors > best.visitors ? v : best), null);
  if (!mostSeen && !results.holdout?.visitors) return { verdict: "no_traffic", best: null, sentence: "No visitors yet." };
  if (!results.holdout) {
    return { verdict: "no_holdout", best: mostSeen, sentence: "This experience has no holdout group, so its lift cannot be measured. Set a holdout to measure it." };
  }
  const judged = seen.filter((v) => v.lift?.enoughData && v.lift.relativeLift !== null);
  if (judged.length === 0) {
    return { verdict: "not_enough_data", best: mostSeen, sentence: `Not enough data yet: ${ENOUGH_DATA_RULE} before lift is shown.` };
  }
  const best = judged.reduce((a, b) => (b.lift!.relativeLift! > a.lift!.relativeLift! ? b : a));
  const lift = best.lift!;
  const verdict: Verdict = lift.significant ? (lift.relativeLift! > 0 ? "better" : "worse") : "inconclusive";
  return { verdict, best, sentence: describeVariantLift(best) };
}
