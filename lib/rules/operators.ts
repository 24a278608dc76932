/**
 * Which operators fit which field type, and how each reads in a sentence. One table for `parse`,
 * `describe` and the builder's operator menus, so they can never disagree.
 */
import type { Operator } from "./ast";
import type { FieldType } from "./catalog";

const presence = ["exists", "not_exists"] as const;

/** The operators a field of each type accepts, in the order a builder should offer them. */
export const OPERATORS_BY_TYPE: Record<FieldType, readonly Operator[]> = {
  string: ["equals", "not_equals", "one_of", "none_of", "contains", "not_contains", "starts_with", "ends_with", ...presence],
  number: ["equals", "not_equals", "one_of", "none_of", "gt", "gte", "lt", "lte", "between", ...presence],
  boolean: ["is_true", "is_false", ...presence],
  date: ["within_last_days", "more_than_days_ago", "before", "after", "between", ...presence],
  list: ["list_contains_any", "list_contains_all", ...presence],
};

/** Short labels, as a builder menu shows them after the field name. */
export const OPERATOR_LABELS: Record<Operator, string> = {
  equals: "is",
  not_equals: "is not",
  one_of: "is one of",
  none_of: "is none of",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  exists: "is set",
  not_exists: "is not set",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  before: "is before",
  after: "is after",
  within_last_days: "is within the last",
  more_than_days_ago: "is more than",
  list_contains_any: "contains any of",
  list_contains_all: "contains all of",
  is_true: "is true",
  is_false: "is false",
};

/** Whether `operator` applies to a field of `type`. */
export function operatorFits(operator: Operator, type: FieldType): boolean {
  return OPERATORS_BY_TYPE[type].includes(operator);
}

/** Called in the default branch of exhaustive switches: a compile error when a case is missed. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
