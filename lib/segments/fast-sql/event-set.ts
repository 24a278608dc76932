/**
 * Event conditions as set-based semi- and anti-joins: each condition becomes ONE uncorrelated
 * query for the `(workspace_id, profile_id)` pairs of the workspace whose events decide it, and
 * the profile tests membership. PostgreSQL runs such a query once and probes a hash table per
 * profile, instead of running a correlated subquery per profile. Pairs are the Citus
 * distribution key, so nothing joins on anything else.
 *
 * A profile without matching events is never in a grouped set, so the form depends on what the
 * comparison says about "no events" (ast.ts): false → `in (… having cmp)`; true (count exactly 0,
 * at most N, a sum bounded above 0) → `not in (… having not cmp)`. Counts that rollups can answer
 * (rollup-slice.ts) read whole UTC days from `event_rollups` and the partial days from events.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Comparison, EventCondition, PropertyFilter } from "@/lib/rules/ast";
import { splitPath } from "@/lib/rules/fields";
import { assertNever } from "@/lib/rules/operators";
import { averageComparison, numberComparison, timeComparison } from "@/lib/rules/sql-event";
import { predicateSql } from "@/lib/rules/sql-predicate";
import { boundInstant, boundNumber, boundText, jsonField, jsonPath } from "@/lib/rules/sql-values";
import { wholeDays, windowSpan, type Span } from "./event-window";
import { rollupSlice, type RollupSlice } from "./rollup-slice";

export interface EventSetOptions {
  workspaceId: string;
  /** Whether `event_rollups` is complete for the workspace (see rollupsReady). */
  rollups: boolean;
}

type Alias = "e" | "s";

function property(alias: Alias, path: string): SQL {
  const keys = splitPath(path);
  if (!keys) throw new Error(`Invalid property path "${path}"`);
  return jsonPath(sql.raw(`${alias}.properties`), keys);
}

/** The workspace's events named `event`, up to now, passing the filters. */
function scope(alias: Alias, ws: string, event: string, filters: readonly PropertyFilter[], now: number): SQL[] {
  const a = sql.raw(alias);
  return [
    sql`${a}.workspace_id = ${ws}::uuid`,
    sql`${a}.event = ${boundText(event)}`,
    sql`${a}.timestamp <= ${boundInstant(now)}`,
    ...filters.map((f) => predicateSql(f, jsonField(property(alias, f.property)), now)),
  ];
}

/** A time range on `e.timestamp`: the window's span, cut to `[.., before)` or `[atLeast, ..]`. */
interface Range extends Span {
  before?: number;
  atLeast?: number;
}

function rangeSql(r: Range): SQL[] {
  const out: SQL[] = [];
  if (r.from !== -Infinity) out.push(sql`e.timestamp ${sql.raw(r.fromInclusive ? ">=" : ">")} ${boundInstant(r.from)}`);
  out.push(sql`e.timestamp <= ${boundInstant(r.to)}`);
  if (r.before !== undefined) out.push(sql`e.timestamp < ${boundInstant(r.before)}`);
  if (r.atLeast !== undefined) out.push(sql`e.timestamp >= ${boundInstant(r.atLeast)}`);
  return out;
}

/** `from … where …` of the measured events in a range: scope, range and `since`. */
function rawEvents(c: EventCondition, o: EventSetOptions, now: number, range: Range): SQL {
  const where = [...scope("e", o.workspaceId, c.event, c.filters, now), ...rangeSql(range)];
  if (!c.since) return sql`from events e where ${sql.join(where, sql` and `)}`;
  // The latest "since" event per profile, joined on the distribution key; none keeps every event.
  const latest = sql`select s.workspace_id, s.profile_id, max(s.timestamp) as at from events s
    where ${sql.join(scope("s", o.workspaceId, c.since.event, c.since.filters, now), sql` and `)} group by 1, 2`;
  where.push(sql`(l.at is null or e.timestamp > l.at)`);
  return sql`from events e left join (${latest}) l on l.workspace_id = e.workspace_id and l.profile_id = e.profile_id
    where ${sql.join(where, sql` and `)}`;
}

const member = (set: SQL) => sql`((p.workspace_id, p.id) in (${set}))`;
const nonMember = (set: SQL) => sql`((p.workspace_id, p.id) not in (${set}))`;

/** A count comparison as a range of whole counts `[low, high]` (high may be Infinity); null when empty. */
export function countRange(c: Comparison): [number, number] | null {
  let low: number;
  let high: number;
  switch (c.op) {
    case "at_least":
      [low, high] = [Math.ceil(c.value), Infinity];
      break;
    case "at_most":
      [low, high] = [0, Math.floor(c.value)];
      break;
    case "exactly":
      [low, high] = Number.isInteger(c.value) ? [c.value, c.value] : [1, 0];
      break;
    case "between":
      [low, high] = [Math.ceil(Number(c.value)), Math.floor(Number(c.value2))];
      break;
    default:
      throw new Error(`Comparison "${c.op}" does not apply to a count`);
  }
  if (Number.isNaN(low) || Number.isNaN(high)) throw new Error(`Not a number in comparison ${JSON.stringify(c)}`);
  low = Math.max(0, low);
  return low > high ? null : [low, high];
}

/** The events of a count condition as `(workspace_id, profile_id, n)` rows, rollups first when they can answer. */
function countedRows(c: EventCondition, o: EventSetOptions, now: number): SQL {
  const span = windowSpan(c.window, now);
  const slice = o.rollups ? rollupSlice(c) : null;
  const days = wholeDays(span);
  if (!slice || days.start >= days.end) return sql`select e.workspace_id, e.profile_id, 1 as n ${rawEvents(c, o, now, span)}`;
  const parts = [rollupRows(o.workspaceId, c.event, slice, days.start, days.end)];
  if (days.start !== -Infinity) parts.push(sql`select e.workspace_id, e.profile_id, 1 as n ${rawEvents(c, o, now, { ...span, before: days.start })}`);
  parts.push(sql`select e.workspace_id, e.profile_id, 1 as n ${rawEvents(c, o, now, { ...span, atLeast: days.end })}`);
  return sql.join(parts, sql` union all `);
}

function rollupRows(ws: string, event: string, slice: RollupSlice, start: number, end: number): SQL {
  const values = sql.join(slice.values.map((v) => boundText(v)), sql`, `);
  const from = start === -Infinity ? sql`` : sql`and r.day >= ${boundInstant(start)}`;
  return sql`select r.workspace_id, r.profile_id, r.count as n from event_rollups r
    where r.workspace_id = ${ws}::uuid and r.event = ${boundText(event)} and r.dim_key = ${boundText(slice.key)}
    and r.dim_value in (${values}) ${from} and r.day < ${boundInstant(end)}`;
}

function countSql(c: EventCondition, o: EventSetOptions, now: number): SQL {
  const range = countRange(c.comparison);
  if (!range) return sql`false`;
  const [low, high] = range;
  if (low === 0 && high === Infinity) return sql`true`;
  const rows = countedRows(c, o, now);
  const pairs = sql`select u.workspace_id, u.profile_id from (${rows}) u`;
  const having = (test: SQL) => sql`${pairs} group by 1, 2 having ${test}`;
  const n = sql`sum(u.n)`;
  if (high === Infinity) return member(low === 1 ? pairs : having(sql`${n} >= ${boundNumber(low)}`));
  if (low === 0) return nonMember(high === 0 ? pairs : having(sql`${n} > ${boundNumber(high)}`));
  return member(having(sql`${n} >= ${boundNumber(low)} and ${n} <= ${boundNumber(high)}`));
}

/** Whether a number comparison holds for 0 (the sum of no events); exact for any double bound. */
export function holdsForZero(c: Comparison): boolean {
  switch (c.op) {
    case "at_least":
      return 0 >= c.value;
    case "at_most":
      return 0 <= c.value;
    case "exactly":
      return c.value === 0;
    case "between":
      return 0 >= Number(c.value) && 0 <= Number(c.value2);
    default:
      throw new Error(`Comparison "${c.op}" does not apply to a number`);
  }
}

const AGGREGATES = { min: "min", max: "max", first: "min", last: "max" } as const;

/** SQL for an event condition over the profile row `p`; never NULL. */
export function eventSetSql(c: EventCondition, now: number, o: EventSetOptions): SQL {
  const m = c.measure;
  if (m.kind === "count") return countSql(c, o, now);
  const grouped = (having: SQL) =>
    sql`select e.workspace_id, e.profile_id ${rawEvents(c, o, now, windowSpan(c.window, now))} group by 1, 2 having ${having}`;
  switch (m.kind) {
    case "sum": {
      const sum = sql`coalesce(sum(${jsonField(property("e", m.property)).number!}), 0)`;
      const test = numberComparison(sum, c.comparison);
      return holdsForZero(c.comparison) ? nonMember(grouped(sql`not (${test})`)) : member(grouped(test));
    }
    case "avg": {
      const x = jsonField(property("e", m.property)).number!;
      return member(grouped(sql`count(${x}) > 0 and ${averageComparison(sql`sum(${x})`, sql`count(${x})`, c.comparison)}`));
    }
    case "min":
    case "max":
      // NULL (no numeric values) fails HAVING: "no value" is false, as in ast.ts.
      return member(grouped(numberComparison(sql`${sql.raw(AGGREGATES[m.kind])}(${jsonField(property("e", m.property)).number!})`, c.comparison)));
    case "first":
    case "last":
      return member(grouped(timeComparison(sql`${sql.raw(AGGREGATES[m.kind])}(e.timestamp)`, c.comparison, now)));
    default:
      return assertNever(m, "measure");
  }
}
