/**
 * Sensible starting values when a condition is added or its field or operator changes: keep what
 * the person typed when it still fits, otherwise start from the field's most frequent example.
 */
import type { Operator } from "@/lib/rules/ast";
import type { ExampleValue, FieldType } from "@/lib/rules/catalog";
import { OPERATORS_BY_TYPE } from "@/lib/rules/operators";

/** Operator and value as the builder edits them (the API validates the exact shape). */
export interface LoosePredicate {
  operator: string;
  value?: unknown;
}

/** Today (or `offsetDays` from today) as `YYYY-MM-DD` in UTC, the rule language's date form. */
export function isoDay(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

const NO_VALUE = new Set<string>(["exists", "not_exists", "is_true", "is_false"]);

/** Whether an operator takes no value at all. */
export const takesNoValue = (operator: string): boolean => NO_VALUE.has(operator);

function firstScalar(previous: unknown): unknown {
  return Array.isArray(previous) ? previous[0] : previous;
}

/** The value an operator starts with, given the field type, the previous value and examples. */
export function defaultValue(operator: Operator, type: FieldType, previous: unknown, examples: readonly ExampleValue[]): unknown {
  const wantNumber = type === "number";
  const fits = (v: unknown): v is string | number => (wantNumber ? typeof v === "number" && Number.isFinite(v) : typeof v === "string");
  const prev = firstScalar(previous);
  const example = examples.find(fits);
  switch (operator) {
    case "exists":
    case "not_exists":
    case "is_true":
    case "is_false":
      return undefined;
    case "equals":
    case "not_equals":
      return fits(prev) ? prev : (example ?? (wantNumber ? 0 : ""));
    case "one_of":
    case "none_of":
    case "list_contains_any":
    case "list_contains_all": {
      if (Array.isArray(previous) && previous.length > 0 && previous.every(fits)) return previous;
      if (fits(prev) && prev !== "") return [prev];
      return example === undefined ? [] : [example];
    }
    case "contains":
    case "not_contains":
    case "starts_with":
    case "ends_with":
      return typeof prev === "string" ? prev : "";
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return typeof prev === "number" ? prev : typeof example === "number" ? example : 0;
    case "between":
      if (type === "date") return [isoDay(-30), isoDay(0)];
      if (Array.isArray(previous) && previous.length === 2 && previous.every((v) => typeof v === "number")) return previous;
      return typeof prev === "number" ? [prev, prev] : [0, 100];
    case "before":
    case "after":
      return typeof prev === "string" && /^\d{4}-\d{2}-\d{2}/.test(prev) ? prev : isoDay(0);
    case "within_last_days":
    case "more_than_days_ago":
      return typeof prev === "number" && Number.isInteger(prev) && prev >= 1 ? prev : 30;
    default:
      return previous;
  }
}

/** A predicate for `operator`, carrying over the previous value when it still fits. */
export function predicateFor(operator: Operator, type: FieldType, previous: unknown, examples: readonly ExampleValue[]): LoosePredicate {
  if (takesNoValue(operator)) return { operator };
  return { operator, value: defaultValue(operator, type, previous, examples) };
}

/** The first operator a field of `type` offers: what a new condition starts with. */
export const firstOperator = (type: FieldType): Operator => OPERATORS_BY_TYPE[type][0];

/** `node` with its operator and value replaced by `predicate` (dropping a value the operator does not take). */
export function withPredicate<T extends LoosePredicate>(node: T, predicate: LoosePredicate): T {
  const { operator: _operator, value: _value, ...rest } = node;
  return { ...rest, ...predicate } as T;
}
