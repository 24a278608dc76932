/**
 * Event conditions in the TypeScript engine: one pass over the profile's events per condition,
 * no allocation. Bounds follow ast.ts: events after `now` do not exist, `last N` windows exclude
 * their lower edge, `between` windows include both edges, `since` keeps events strictly later
 * than the latest matching "since" event.
 */
import type { Comparison, EventCondition, PropertyFilter } from "./ast";
import { addDecimal, compareDecimal, scaleDecimal, toDecimal, type Decimal } from "./exact-decimal";
import { splitPath } from "./fields";
import { parseIsoDate } from "./iso-date";
import { compileJsonGetter } from "./json-getter";
import { assertNever } from "./operators";
import { DAY_MS, compileValueTest } from "./value-test";

export interface EventFact {
  event: string;
  properties: Record<string, unknown>;
  timestamp: Date;
}

type PropsTest = (properties: Record<string, unknown>, now: number) => boolean;
/** Tests a profile's events as of `now` (epoch ms). */
export type EventsTest = (events: readonly EventFact[], now: number) => boolean;

export const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: DAY_MS } as const;

/** A property path split into keys; fails on a path parse would have refused. */
export function pathOf(property: string): string[] {
  const path = splitPath(property);
  if (!path) throw new Error(`Invalid property path "${property}"`);
  return path;
}

function compileFilters(filters: readonly PropertyFilter[]): PropsTest | null {
  if (filters.length === 0) return null;
  const tests = filters.map((f) => {
    const get = compileJsonGetter(pathOf(f.property));
    const test = compileValueTest(f);
    return (props: Record<string, unknown>, now: number) => test(get(props), now);
  });
  return (props, now) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](props, now)) return false;
    return true;
  };
}

/** Compares a number (count, sum, min, max) with an at_least/at_most/exactly/between comparison. */
export function compileNumberComparison(c: Comparison): (x: number) => boolean {
  switch (c.op) {
    case "at_least":
      return (x) => x >= c.value;
    case "at_most":
      return (x) => x <= c.value;
    case "exactly":
      return (x) => x === c.value;
    case "between": {
      const [low, high] = [Number(c.value), Number(c.value2)];
      return (x) => x >= low && x <= high;
    }
    default:
      throw new Error(`Comparison "${c.op}" does not apply to a number`);
  }
}

/** The same comparison on an exact decimal, for sums and averages (x compared with bound × k). */
function compileDecimalComparison(c: Comparison): (x: Decimal, k: number) => boolean {
  if (c.op !== "at_least" && c.op !== "at_most" && c.op !== "exactly" && c.op !== "between") {
    throw new Error(`Comparison "${c.op}" does not apply to a number`);
  }
  const low = toDecimal(Number(c.value));
  const high = c.op === "between" ? toDecimal(Number(c.value2)) : low;
  const order = (x: Decimal, bound: Decimal, k: number) => compareDecimal(x, scaleDecimal(bound, k));
  switch (c.op) {
    case "at_least":
      return (x, k) => order(x, low, k) >= 0;
    case "at_most":
      return (x, k) => order(x, low, k) <= 0;
    case "exactly":
      return (x, k) => order(x, low, k) === 0;
    case "between":
      return (x, k) => order(x, low, k) >= 0 && order(x, high, k) <= 0;
  }
}

/** Compares an occurrence time (epoch ms) for first/last measures. */
export function compileTimeComparison(c: Comparison): (t: number, now: number) => boolean {
  switch (c.op) {
    case "before": {
      const d = parseIsoDate(c.value);
      return (t) => t < d;
    }
    case "after": {
      const d = parseIsoDate(c.value);
      return (t) => t > d;
    }
    case "between": {
      const [from, to] = [parseIsoDate(String(c.value)), parseIsoDate(String(c.value2))];
      return (t) => t >= from && t <= to;
    }
    case "within_last_days": {
      const span = c.value * DAY_MS;
      return (t, now) => t > now - span && t <= now;
    }
    case "more_than_days_ago": {
      const span = c.value * DAY_MS;
      return (t, now) => t <= now - span;
    }
    default:
      throw new Error(`Comparison "${c.op}" does not apply to an occurrence time`);
  }
}

/** Compiles an event condition into a test of a profile's events. */
export function compileEventTest(c: EventCondition): EventsTest {
  const name = c.event;
  const filter = compileFilters(c.filters);
  const since = c.since ? { name: c.since.event, filter: compileFilters(c.since.filters) } : null;
  const w = c.window;
  const span = w.kind === "last" ? w.amount * UNIT_MS[w.unit] : Infinity;
  const from = w.kind === "between" ? parseIsoDate(w.from) : -Infinity;
  const to = w.kind === "between" ? parseIsoDate(w.to) : Infinity;

  // Matching events are those with after < t (exclusive), from <= t <= upTo.
  const matches = (e: EventFact, after: number, upTo: number, now: number): boolean => {
    if (e.event !== name) return false;
    const t = e.timestamp.getTime();
    return t > after && t >= from && t <= upTo && (filter === null || filter(e.properties, now));
  };
  const lowerEdge = (events: readonly EventFact[], now: number): number => {
    let after = now - span;
    if (since === null) return after;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e.event !== since.name) continue;
      const t = e.timestamp.getTime();
      if (t <= now && t > after && (since.filter === null || since.filter(e.properties, now))) after = t;
    }
    return after;
  };

  const m = c.measure;
  switch (m.kind) {
    case "count": {
      const compare = compileNumberComparison(c.comparison);
      return (events, now) => {
        const after = lowerEdge(events, now);
        const upTo = Math.min(now, to);
        let n = 0;
        for (let i = 0; i < events.length; i++) if (matches(events[i], after, upTo, now)) n++;
        return compare(n);
      };
    }
    case "sum":
    case "avg":
    case "min":
    case "max":
      return compileAggregate(m.kind, compileJsonGetter(pathOf(m.property)), c.comparison, matches, lowerEdge, to);
    case "first":
    case "last": {
      const compare = compileTimeComparison(c.comparison);
      const first = m.kind === "first";
      return (events, now) => {
        const after = lowerEdge(events, now);
        const upTo = Math.min(now, to);
        let found = first ? Infinity : -Infinity;
        for (let i = 0; i < events.length; i++) {
          const e = events[i];
          if (!matches(e, after, upTo, now)) continue;
          const t = e.timestamp.getTime();
          if (first ? t < found : t > found) found = t;
        }
        return Number.isFinite(found) && compare(found, now);
      };
    }
    default:
      return assertNever(m, "measure");
  }
}

type Matches = (e: EventFact, after: number, upTo: number, now: number) => boolean;

function compileAggregate(
  kind: "sum" | "avg" | "min" | "max",
  get: ReturnType<typeof compileJsonGetter>,
  comparison: Comparison,
  matches: Matches,
  lowerEdge: (events: readonly EventFact[], now: number) => number,
  to: number,
): EventsTest {
  const compare = compileNumberComparison(comparison);
  const compareExact = compileDecimalComparison(comparison);
  return (events, now) => {
    const after = lowerEdge(events, now);
    const upTo = Math.min(now, to);
    let n = 0;
    let sum = 0;
    let exact = true; // integer sums inside the safe range need no decimals
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (!matches(e, after, upTo, now)) continue;
      const x = get(e.properties);
      if (typeof x !== "number") continue;
      n++;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
      if (exact && !(Number.isSafeInteger(x) && Number.isSafeInteger(sum))) exact = false;
    }
    if (kind === "min") return n > 0 && compare(min);
    if (kind === "max") return n > 0 && compare(max);
    if (kind === "sum" && exact) return compare(sum);
    if (kind === "avg" && n === 0) return false;
    let total: Decimal = { coefficient: 0n, scale: 0 };
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (!matches(e, after, upTo, now)) continue;
      const x = get(e.properties);
      if (typeof x === "number") total = addDecimal(total, toDecimal(x));
    }
    return compareExact(total, kind === "avg" ? n : 1);
  };
}
