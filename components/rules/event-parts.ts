/**
 * The event condition's measure, comparison and window as the builder offers them: labels that
 * read as a sentence and the defaults a choice starts from (see the semantics in lib/rules/ast.ts).
 */
import type { Comparison, EventWindow, Measure } from "@/lib/rules/ast";
import { isoDay } from "./predicate-defaults";

export type MeasureKind = Measure["kind"];
export type ComparisonOp = Comparison["op"];

/** Loose shapes: the JSON view may hold anything, the API says what is wrong. */
export interface MeasureValue {
  kind: string;
  property?: string;
}
export interface ComparisonValue {
  op: string;
  value?: unknown;
  value2?: unknown;
}
export interface WindowValue {
  kind: string;
  amount?: unknown;
  unit?: string;
  from?: unknown;
  to?: unknown;
}

export const MEASURE_LABELS: Record<MeasureKind, string> = {
  count: "number of times",
  sum: "total of",
  avg: "average of",
  min: "lowest",
  max: "highest",
  first: "first time",
  last: "last time",
};

export const MEASURES = Object.keys(MEASURE_LABELS) as MeasureKind[];
export const needsProperty = (kind: string): boolean => kind === "sum" || kind === "avg" || kind === "min" || kind === "max";
export const isTimeMeasure = (kind: string): boolean => kind === "first" || kind === "last";

export const AMOUNT_OPS: { op: ComparisonOp; label: string }[] = [
  { op: "at_least", label: "at least" },
  { op: "at_most", label: "at most" },
  { op: "exactly", label: "exactly" },
  { op: "between", label: "between" },
];

export const TIME_OPS: { op: ComparisonOp; label: string }[] = [
  { op: "within_last_days", label: "was in the last" },
  { op: "more_than_days_ago", label: "was more than" },
  { op: "before", label: "was before" },
  { op: "after", label: "was after" },
  { op: "between", label: "was between" },
];

/** The comparison a measure starts with when the measure changes kind. */
export function defaultComparison(kind: string): ComparisonValue {
  return isTimeMeasure(kind) ? { op: "within_last_days", value: 30 } : { op: "at_least", value: 1 };
}

/** A comparison for `op`, keeping the current value when it still fits. */
export function comparisonFor(op: ComparisonOp, current: ComparisonValue): ComparisonValue {
  const num = typeof current.value === "number" ? current.value : undefined;
  const date = typeof current.value === "string" && /^\d{4}-\d{2}-\d{2}/.test(current.value) ? current.value : undefined;
  switch (op) {
    case "at_least":
    case "at_most":
    case "exactly":
      return { op, value: num ?? 1 };
    case "between":
      if (num !== undefined) return { op, value: num, value2: typeof current.value2 === "number" ? current.value2 : num + 5 };
      if (date !== undefined || current.op === "before" || current.op === "after" || current.op === "within_last_days" || current.op === "more_than_days_ago") {
        return { op, value: date ?? isoDay(-30), value2: isoDay(0) };
      }
      return { op, value: 1, value2: 5 };
    case "before":
    case "after":
      return { op, value: date ?? isoDay(0) };
    case "within_last_days":
    case "more_than_days_ago":
      return { op, value: num !== undefined && Number.isInteger(num) && num >= 1 ? num : 30 };
  }
}

export const WINDOW_LABELS: Record<EventWindow["kind"], string> = {
  ever: "at any time",
  last: "in the last",
  between: "between",
};

export const WINDOW_UNITS = ["minutes", "hours", "days"] as const;

export function windowFor(kind: EventWindow["kind"]): WindowValue {
  if (kind === "last") return { kind, amount: 30, unit: "days" };
  if (kind === "between") return { kind, from: isoDay(-30), to: isoDay(0) };
  return { kind: "ever" };
}

/** "did not do X" is exactly zero occurrences. */
export const isNever = (measure: MeasureValue, comparison: ComparisonValue): boolean =>
  measure.kind === "count" && comparison.op === "exactly" && comparison.value === 0;
