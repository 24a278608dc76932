/**
 * The time span an event condition measures, and how it splits into whole UTC days (answered by
 * daily rollups) and partial boundary days (answered by raw events), so that a rollup-backed
 * count stays exact to the millisecond.
 */
import type { EventWindow } from "@/lib/rules/ast";
import { parseIsoDate } from "@/lib/rules/iso-date";
import { DAY_MS } from "@/lib/rules/value-test";

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: DAY_MS } as const;

/** Events with `from < t` (or `from <= t` when `fromInclusive`) and `t <= to`; epoch ms, `from` may be -Infinity. */
export interface Span {
  from: number;
  fromInclusive: boolean;
  to: number;
}

/** Whole UTC days `[start, end)` inside a span; `start` may be -Infinity. Empty when start >= end. */
export interface WholeDays {
  start: number;
  end: number;
}

function date(iso: string): number {
  const ms = parseIsoDate(iso);
  if (Number.isNaN(ms)) throw new Error(`Not a date: "${iso}"`);
  return ms;
}

/** The span of a window as of `now` (events after `now` never count, see ast.ts). */
export function windowSpan(w: EventWindow, now: number): Span {
  switch (w.kind) {
    case "ever":
      return { from: -Infinity, fromInclusive: true, to: now };
    case "last":
      return { from: now - w.amount * UNIT_MS[w.unit], fromInclusive: false, to: now };
    case "between":
      return { from: date(w.from), fromInclusive: true, to: Math.min(now, date(w.to)) };
    default: {
      const never: never = w;
      throw new Error(`Unknown window ${JSON.stringify(never)}`);
    }
  }
}

const floorDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * The UTC days lying wholly inside the span: every instant of `[day, day + 24h)` is in it. An
 * exclusive lower edge at midnight leaves that day partial (its first instant is outside); the
 * day holding the upper edge is always partial (the span ends inside it, or at its first instant).
 */
export function wholeDays(span: Span): WholeDays {
  let start = -Infinity;
  if (span.from !== -Infinity) {
    const floor = floorDay(span.from);
    start = span.fromInclusive && floor === span.from ? floor : floor + DAY_MS;
  }
  return { start, end: floorDay(span.to) };
}
