/**
 * The operator switch of the TypeScript engine: turns an operator and its value into a test of
 * one value, with everything that can be computed ahead (folded text, sets, parsed dates) done
 * once. See ast.ts for the meaning of missing and non-fitting values, which every branch follows.
 */
import type { Predicate } from "./ast";
import { foldAscii, foldedEquals, foldedIncludes, foldedMatchAt } from "./fold-ascii";
import { parseIsoDate } from "./iso-date";
import { assertNever } from "./operators";

/** Tests a value (from JSON, or a Date for built-in timestamps) as of `now` (epoch ms). */
export type ValueTest = (value: unknown, now: number) => boolean;

export const DAY_MS = 86_400_000;

/** Epoch ms of a date value, NaN when it is not one (so every comparison with it is false). */
export function dateValue(v: unknown): number {
  if (typeof v === "string") return parseIsoDate(v);
  return v instanceof Date ? v.getTime() : NaN;
}

/** Membership in a list of texts (case-folded) or numbers; other JSON types never match. */
function compileMember(values: readonly (string | number)[]): (v: unknown) => boolean {
  const texts: string[] = [];
  const numbers: number[] = [];
  for (const value of values) {
    if (typeof value === "string") texts.push(foldAscii(value));
    else numbers.push(value);
  }
  // Short lists (the usual case) are scanned without allocating; long ones use sets.
  if (texts.length + numbers.length > 8) {
    const textSet = new Set(texts);
    const numberSet = new Set(numbers);
    return (v) => (typeof v === "string" ? textSet.has(foldAscii(v)) : typeof v === "number" && numberSet.has(v));
  }
  return (v) => {
    if (typeof v === "string") {
      for (let i = 0; i < texts.length; i++) if (foldedEquals(v, texts[i])) return true;
      return false;
    }
    if (typeof v === "number") for (let i = 0; i < numbers.length; i++) if (numbers[i] === v) return true;
    return false;
  };
}

function listHasAny(member: (v: unknown) => boolean): ValueTest {
  return (v) => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (member(v[i])) return true;
    return false;
  };
}

function listHasAll(values: readonly (string | number)[]): ValueTest {
  const members = values.map((value) => compileMember([value]));
  return (v) => Array.isArray(v) && members.every((member) => v.some(member));
}

function textTest(match: (text: string, needle: string) => boolean, needle: string, negate: boolean): ValueTest {
  const folded = foldAscii(needle);
  return (v) => typeof v === "string" && match(v, folded) !== negate;
}

const startsWith = (s: string, n: string) => foldedMatchAt(s, n, 0);
const endsWith = (s: string, n: string) => foldedMatchAt(s, n, s.length - n.length);

/** Compiles one operator and value into a test. */
export function compileValueTest(p: Predicate): ValueTest {
  switch (p.operator) {
    case "exists":
      return (v) => v !== undefined && v !== null;
    case "not_exists":
      return (v) => v === undefined || v === null;
    case "is_true":
      return (v) => v === true;
    case "is_false":
      return (v) => v === false;
    case "equals":
    case "not_equals": {
      const negate = p.operator === "not_equals";
      const target = p.value;
      if (typeof target === "number") return (v) => typeof v === "number" && (v === target) !== negate;
      const folded = foldAscii(target);
      return (v) => typeof v === "string" && foldedEquals(v, folded) !== negate;
    }
    case "one_of":
    case "none_of": {
      const negate = p.operator === "none_of";
      const member = compileMember(p.value);
      const kind = typeof p.value[0];
      return (v) => typeof v === kind && member(v) !== negate;
    }
    case "contains":
    case "not_contains":
      return textTest(foldedIncludes, p.value, p.operator === "not_contains");
    case "starts_with":
      return textTest(startsWith, p.value, false);
    case "ends_with":
      return textTest(endsWith, p.value, false);
    case "gt": {
      const t = p.value;
      return (v) => typeof v === "number" && v > t;
    }
    case "gte": {
      const t = p.value;
      return (v) => typeof v === "number" && v >= t;
    }
    case "lt": {
      const t = p.value;
      return (v) => typeof v === "number" && v < t;
    }
    case "lte": {
      const t = p.value;
      return (v) => typeof v === "number" && v <= t;
    }
    case "between": {
      const [low, high] = p.value;
      if (typeof low === "number" && typeof high === "number") {
        return (v) => typeof v === "number" && v >= low && v <= high;
      }
      const from = parseIsoDate(String(low));
      const to = parseIsoDate(String(high));
      return (v) => {
        const d = dateValue(v);
        return d >= from && d <= to;
      };
    }
    case "before": {
      const t = parseIsoDate(p.value);
      return (v) => dateValue(v) < t;
    }
    case "after": {
      const t = parseIsoDate(p.value);
      return (v) => dateValue(v) > t;
    }
    case "within_last_days": {
      const span = p.value * DAY_MS;
      return (v, now) => {
        const d = dateValue(v);
        return d > now - span && d <= now;
      };
    }
    case "more_than_days_ago": {
      const span = p.value * DAY_MS;
      return (v, now) => dateValue(v) <= now - span;
    }
    case "list_contains_any":
      return listHasAny(compileMember(p.value));
    case "list_contains_all":
      return listHasAll(p.value);
    default:
      return assertNever(p, "operator");
  }
}
