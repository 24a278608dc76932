/**
 * Event conditions over the index: one pass over the event name's table, accumulating the
 * measure per slot, then the comparison per slot. Bounds and measures follow ast.ts exactly as
 * evaluate-event.ts does (events after `now` do not exist; `last N` excludes its lower edge;
 * `since` moves each profile's lower edge to its latest matching "since" event; the sum of nothing
 * is 0; avg/min/max/first/last of nothing is false), and sums are exact decimals.
 */
import type { EventCondition, PropertyFilter } from "@/lib/rules/ast";
import { compileNumberComparison, compileTimeComparison, pathOf, UNIT_MS } from "@/lib/rules/evaluate-event";
import { parseIsoDate } from "@/lib/rules/iso-date";
import { compileJsonGetter } from "@/lib/rules/json-getter";
import { assertNever } from "@/lib/rules/operators";
import { compileValueTest } from "@/lib/rules/value-test";
import type { AudienceIndex } from "./audience-index";
import type { EventTable } from "./event-table";
import { codeAnswers } from "./match-trait";
import { slotSums } from "./exact-sums";

/** One byte per row of `table`: whether the row passes every filter (null: no filters). */
function filterRows(index: AudienceIndex, name: string, table: EventTable, filters: readonly PropertyFilter[], now: number): Uint8Array | null {
  if (filters.length === 0) return null;
  const rows = index.scratch(name, Uint8Array, table.length).fill(1);
  for (const f of filters) {
    const path = pathOf(f.property);
    const column = table.props.get(path[0]);
    const { ok, missing } = codeAnswers(column, path, compileValueTest(f), now);
    if (!column) {
      if (!missing) rows.fill(0);
      continue;
    }
    column.answerRows(rows, table.length, ok, missing, true);
  }
  return rows;
}

/** Each slot's lower edge: `base`, or its latest "since" event up to `now` when later. */
function lowerEdges(index: AudienceIndex, c: EventCondition, base: number, now: number): Float64Array | null {
  if (!c.since) return null;
  const after = index.scratch("after", Float64Array, index.size).fill(base);
  const table = index.events.get(c.since.event);
  if (!table) return after;
  const pass = filterRows(index, "since-pass", table, c.since.filters, now);
  const { profile, ts } = table;
  for (let row = 0; row < table.length; row++) {
    const slot = profile[row];
    if (slot < 0 || (pass !== null && pass[row] === 0)) continue;
    const t = ts[row];
    if (t <= now && t > after[slot]) after[slot] = t;
  }
  return after;
}

/**
 * The rows of `table` that count for the condition, in order: `rows[0..n)`. One tight loop per
 * shape (no filter and no `since` is the common one); the measures then loop over this list.
 */
function matchingRows(index: AudienceIndex, table: EventTable, c: EventCondition, now: number): { rows: Int32Array; n: number } {
  const w = c.window;
  const base = w.kind === "last" ? now - w.amount * UNIT_MS[w.unit] : -Infinity;
  const from = w.kind === "between" ? parseIsoDate(w.from) : -Infinity;
  const upTo = Math.min(now, w.kind === "between" ? parseIsoDate(w.to) : Infinity);
  const after = lowerEdges(index, c, base, now);
  const pass = filterRows(index, "pass", table, c.filters, now);
  const { profile, ts, length } = table;
  const rows = index.scratch("rows", Int32Array, length);
  let n = 0;
  if (after === null && pass === null) {
    for (let row = 0; row < length; row++) {
      const t = ts[row];
      if (t > base && t >= from && t <= upTo && profile[row] >= 0) rows[n++] = row;
    }
    return { rows, n };
  }
  for (let row = 0; row < length; row++) {
    const slot = profile[row];
    if (slot < 0 || (pass !== null && pass[row] === 0)) continue;
    const t = ts[row];
    if (t > (after === null ? base : after[slot]) && t >= from && t <= upTo) rows[n++] = row;
  }
  return { rows, n };
}

/** out[slot] = compare(counts[slot]), comparing each small count once. */
function compareCounts(out: Uint8Array, counts: Int32Array, compare: (x: number) => boolean): void {
  const known = new Int8Array(256).fill(-1);
  for (let slot = 0; slot < counts.length; slot++) {
    const n = counts[slot];
    if (n >= 256) {
      out[slot] = compare(n) ? 1 : 0;
      continue;
    }
    if (known[n] < 0) known[n] = compare(n) ? 1 : 0;
    out[slot] = known[n];
  }
}

/** The slots whose profile matches an event condition as of `now` (dead slots not cleared). */
export function matchEvent(index: AudienceIndex, c: EventCondition, now: number): Uint8Array {
  const size = index.size;
  const out = new Uint8Array(size);
  const table = index.events.get(c.event);
  const matched = table ? matchingRows(index, table, c, now) : { rows: new Int32Array(0), n: 0 };
  const { rows, n } = matched;
  const profile = table?.profile ?? new Int32Array(0);
  const m = c.measure;
  switch (m.kind) {
    case "count": {
      const counts = index.scratch("counts", Int32Array, size).fill(0);
      for (let i = 0; i < n; i++) counts[profile[rows[i]]]++;
      compareCounts(out, counts, compileNumberComparison(c.comparison));
      return out;
    }
    case "first":
    case "last": {
      const compare = compileTimeComparison(c.comparison);
      const first = m.kind === "first";
      const found = index.scratch("found", Float64Array, size).fill(first ? Infinity : -Infinity);
      const ts = table?.ts ?? new Float64Array(0);
      for (let i = 0; i < n; i++) {
        const row = rows[i];
        const slot = profile[row];
        const t = ts[row];
        if (first ? t < found[slot] : t > found[slot]) found[slot] = t;
      }
      for (let slot = 0; slot < size; slot++) out[slot] = Number.isFinite(found[slot]) && compare(found[slot], now) ? 1 : 0;
      return out;
    }
    case "sum":
    case "avg":
    case "min":
    case "max":
      return matchAggregate(index, table, matched, c, m.kind, m.property);
    default:
      return assertNever(m, "measure");
  }
}

function matchAggregate(
  index: AudienceIndex,
  table: EventTable | undefined,
  matched: { rows: Int32Array; n: number },
  c: EventCondition,
  kind: "sum" | "avg" | "min" | "max",
  property: string,
): Uint8Array {
  const size = index.size;
  const out = new Uint8Array(size);
  const counted = index.scratch("counted", Int32Array, size).fill(0);
  const path = pathOf(property);
  const column = table?.props.get(path[0]);
  // The number each code stands for, NaN where the value at the path is not a number (skipped).
  const get = compileJsonGetter(path);
  const numbers = new Float64Array(column?.values.length ?? 0).fill(NaN);
  column?.values.forEach((value, code) => {
    const x = get({ [path[0]]: value });
    if (typeof x === "number") numbers[code] = x;
  });
  // Each matching row with a number: its slot and its code.
  const slots = index.scratch("slots", Int32Array, matched.n);
  const codes = index.scratch("codes", Int32Array, matched.n);
  let found = 0;
  if (table && column) {
    const { rows, n } = matched;
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      const code = column.codeAt(row);
      if (code < 0 || Number.isNaN(numbers[code])) continue;
      slots[found] = table.profile[row];
      codes[found++] = code;
    }
  }
  if (kind === "min" || kind === "max") {
    const compare = compileNumberComparison(c.comparison);
    const best = index.scratch("best", Float64Array, size).fill(kind === "min" ? Infinity : -Infinity);
    for (let i = 0; i < found; i++) {
      const slot = slots[i];
      const x = numbers[codes[i]];
      counted[slot]++;
      if (kind === "min" ? x < best[slot] : x > best[slot]) best[slot] = x;
    }
    for (let slot = 0; slot < size; slot++) out[slot] = counted[slot] > 0 && compare(best[slot]) ? 1 : 0;
    return out;
  }
  const sums = slotSums(numbers, size, c.comparison, {
    f64: (name, length) => index.scratch(name, Float64Array, length),
    u8: (name, length) => index.scratch(name, Uint8Array, length),
  });
  for (let i = 0; i < found; i++) {
    counted[slots[i]]++;
    sums.add(slots[i], codes[i]);
  }
  // Without numbers a sum is 0 (the same answer for every such slot) and an average has no value.
  const none = kind === "sum" && slotSums(new Float64Array(0), 1, c.comparison).compare(0, 1) ? 1 : 0;
  for (let slot = 0; slot < size; slot++) {
    out[slot] = counted[slot] === 0 ? none : sums.compare(slot, kind === "avg" ? counted[slot] : 1) ? 1 : 0;
  }
  return out;
}
