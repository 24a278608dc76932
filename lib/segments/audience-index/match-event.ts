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
function filterRows(table: EventTable, filters: readonly PropertyFilter[], now: number): Uint8Array | null {
  if (filters.length === 0) return null;
  const rows = new Uint8Array(table.length).fill(1);
  for (const f of filters) {
    const path = pathOf(f.property);
    const column = table.props.get(path[0]);
    const { ok, missing } = codeAnswers(column, path, compileValueTest(f), now);
    if (!column) {
      if (!missing) rows.fill(0);
      continue;
    }
    const codes = column.denseCodes;
    if (codes) {
      for (let row = 0; row < table.length; row++) {
        const code = codes[row];
        if ((code < 0 ? missing : ok[code] === 1) === false) rows[row] = 0;
      }
      continue;
    }
    if (!missing) {
      // Sparse: most rows lack the key and fail; only rows with a passing value survive.
      const keep = new Uint8Array(table.length);
      column.forEachPresent((row, code) => (keep[row] = rows[row] & ok[code]), table.length);
      rows.set(keep);
    } else column.forEachPresent((row, code) => (rows[row] &= ok[code]), table.length);
  }
  return rows;
}

/** Each slot's lower edge: `base`, or its latest "since" event up to `now` when later. */
function lowerEdges(index: AudienceIndex, c: EventCondition, base: number, now: number): Float64Array | null {
  if (!c.since) return null;
  const after = new Float64Array(index.size).fill(base);
  const table = index.events.get(c.since.event);
  if (!table) return after;
  const pass = filterRows(table, c.since.filters, now);
  const { profile, ts } = table;
  for (let row = 0; row < table.length; row++) {
    const slot = profile[row];
    if (slot < 0 || (pass !== null && pass[row] === 0)) continue;
    const t = ts[row];
    if (t <= now && t > after[slot]) after[slot] = t;
  }
  return after;
}

/** The rows of `table` that count for the condition, passed to `visit(row, slot)`. */
function forEachMatch(index: AudienceIndex, table: EventTable, c: EventCondition, now: number, visit: (row: number, slot: number) => void): void {
  const w = c.window;
  const base = w.kind === "last" ? now - w.amount * UNIT_MS[w.unit] : -Infinity;
  const from = w.kind === "between" ? parseIsoDate(w.from) : -Infinity;
  const upTo = Math.min(now, w.kind === "between" ? parseIsoDate(w.to) : Infinity);
  const after = lowerEdges(index, c, base, now);
  const pass = filterRows(table, c.filters, now);
  const { profile, ts } = table;
  for (let row = 0; row < table.length; row++) {
    const slot = profile[row];
    if (slot < 0) continue;
    const t = ts[row];
    if (!(t > (after === null ? base : after[slot]) && t >= from && t <= upTo)) continue;
    if (pass !== null && pass[row] === 0) continue;
    visit(row, slot);
  }
}

/** The slots whose profile matches an event condition as of `now` (dead slots not cleared). */
export function matchEvent(index: AudienceIndex, c: EventCondition, now: number): Uint8Array {
  const size = index.size;
  const out = new Uint8Array(size);
  const table = index.events.get(c.event);
  const m = c.measure;
  switch (m.kind) {
    case "count": {
      const compare = compileNumberComparison(c.comparison);
      const counts = new Int32Array(size);
      if (table) forEachMatch(index, table, c, now, (_, slot) => counts[slot]++);
      // Most slots share a small count: compare each distinct count once.
      const answers = new Map<number, number>();
      for (let slot = 0; slot < size; slot++) {
        const n = counts[slot];
        let answer = answers.get(n);
        if (answer === undefined) answers.set(n, (answer = compare(n) ? 1 : 0));
        out[slot] = answer;
      }
      return out;
    }
    case "first":
    case "last": {
      const compare = compileTimeComparison(c.comparison);
      const first = m.kind === "first";
      const found = new Float64Array(size).fill(first ? Infinity : -Infinity);
      if (table) {
        const ts = table.ts;
        forEachMatch(index, table, c, now, (row, slot) => {
          const t = ts[row];
          if (first ? t < found[slot] : t > found[slot]) found[slot] = t;
        });
      }
      for (let slot = 0; slot < size; slot++) out[slot] = Number.isFinite(found[slot]) && compare(found[slot], now) ? 1 : 0;
      return out;
    }
    case "sum":
    case "avg":
    case "min":
    case "max":
      return matchAggregate(index, table, c, m.kind, m.property, now);
    default:
      return assertNever(m, "measure");
  }
}

function matchAggregate(index: AudienceIndex, table: EventTable | undefined, c: EventCondition, kind: "sum" | "avg" | "min" | "max", property: string, now: number): Uint8Array {
  const size = index.size;
  const out = new Uint8Array(size);
  const n = new Int32Array(size);
  const path = pathOf(property);
  const column = table?.props.get(path[0]);
  // The number each code stands for, NaN where the value at the path is not a number (skipped).
  const get = compileJsonGetter(path);
  const numbers = new Float64Array(column?.values.length ?? 0).fill(NaN);
  column?.values.forEach((value, code) => {
    const x = get({ [path[0]]: value });
    if (typeof x === "number") numbers[code] = x;
  });
  if (kind === "min" || kind === "max") {
    const compare = compileNumberComparison(c.comparison);
    const best = new Float64Array(size).fill(kind === "min" ? Infinity : -Infinity);
    if (table && column) {
      forEachMatch(index, table, c, now, (row, slot) => {
        const code = column.codeAt(row);
        const x = code < 0 ? NaN : numbers[code];
        if (Number.isNaN(x)) return;
        n[slot]++;
        if (kind === "min" ? x < best[slot] : x > best[slot]) best[slot] = x;
      });
    }
    for (let slot = 0; slot < size; slot++) out[slot] = n[slot] > 0 && compare(best[slot]) ? 1 : 0;
    return out;
  }
  const sums = slotSums(numbers, size, c.comparison);
  if (table && column) {
    forEachMatch(index, table, c, now, (row, slot) => {
      const code = column.codeAt(row);
      if (code < 0 || Number.isNaN(numbers[code])) return;
      n[slot]++;
      sums.add(slot, code);
    });
  }
  for (let slot = 0; slot < size; slot++) {
    if (kind === "avg" && n[slot] === 0) continue;
    out[slot] = sums.compare(slot, kind === "avg" ? n[slot] : 1) ? 1 : 0;
  }
  return out;
}
