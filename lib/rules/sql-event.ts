/**
 * Event conditions in the SQL engine: correlated subqueries on `events` that always join on
 * `(workspace_id, profile_id)` = `(p.workspace_id, p.id)`, the distribution key in Citus, so the
 * generated SQL never joins two distributed tables on anything else. The twin of evaluate-event.ts.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Comparison, EventCondition, PropertyFilter } from "./ast";
import { splitPath } from "./fields";
import { parseIsoDate } from "./iso-date";
import { assertNever } from "./operators";
import { predicateSql } from "./sql-predicate";
import { boundInstant, boundNumber, boundText, jsonField, jsonPath } from "./sql-values";
import { DAY_MS } from "./value-test";

type Alias = "e" | "s";
const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: DAY_MS } as const;

function property(alias: Alias, path: string): SQL {
  const keys = splitPath(path);
  if (!keys) throw new Error(`Invalid property path "${path}"`);
  return jsonPath(sql.raw(`${alias}.properties`), keys);
}

function instant(iso: string): SQL {
  const ms = parseIsoDate(iso);
  if (Number.isNaN(ms)) throw new Error(`Not a date: "${iso}"`);
  return boundInstant(ms);
}

/** The events of the current profile named `event`, up to now, passing the filters. */
function scope(alias: Alias, event: string, filters: readonly PropertyFilter[], now: number): SQL[] {
  const a = sql.raw(alias);
  return [
    sql`${a}.workspace_id = p.workspace_id`,
    sql`${a}.profile_id = p.id`,
    sql`${a}.event = ${boundText(event)}`,
    sql`${a}.timestamp <= ${boundInstant(now)}`,
    ...filters.map((f) => predicateSql(f, jsonField(property(alias, f.property)), now)),
  ];
}

/** The WHERE clause of the measured events: scope, window and `since`. */
function measuredEvents(c: EventCondition, now: number): SQL {
  const where = scope("e", c.event, c.filters, now);
  const w = c.window;
  if (w.kind === "last") where.push(sql`e.timestamp > ${boundInstant(now - w.amount * UNIT_MS[w.unit])}`);
  if (w.kind === "between") where.push(sql`e.timestamp >= ${instant(w.from)}`, sql`e.timestamp <= ${instant(w.to)}`);
  if (c.since) {
    const latest = sql`select max(s.timestamp) from events s where ${sql.join(scope("s", c.since.event, c.since.filters, now), sql` and `)}`;
    where.push(sql`e.timestamp > coalesce((${latest}), '-infinity'::timestamptz)`);
  }
  return sql.join(where, sql` and `);
}

/** `x` compared with an at_least/at_most/exactly/between comparison (also used by the fast compiler). */
export function numberComparison(x: SQL, c: Comparison): SQL {
  switch (c.op) {
    case "at_least":
      return sql`${x} >= ${boundNumber(c.value)}`;
    case "at_most":
      return sql`${x} <= ${boundNumber(c.value)}`;
    case "exactly":
      return sql`${x} = ${boundNumber(c.value)}`;
    case "between":
      return sql`${x} >= ${boundNumber(Number(c.value))} and ${x} <= ${boundNumber(Number(c.value2))}`;
    default:
      throw new Error(`Comparison "${c.op}" does not apply to a number`);
  }
}

/** avg compared exactly: sum(x) against bound × count(x), as evaluate-event.ts does. */
export function averageComparison(sum: SQL, count: SQL, c: Comparison): SQL {
  const scaled = (bound: number) => sql`${boundNumber(bound)} * ${count}`;
  switch (c.op) {
    case "at_least":
      return sql`${sum} >= ${scaled(c.value)}`;
    case "at_most":
      return sql`${sum} <= ${scaled(c.value)}`;
    case "exactly":
      return sql`${sum} = ${scaled(c.value)}`;
    case "between":
      return sql`${sum} >= ${scaled(Number(c.value))} and ${sum} <= ${scaled(Number(c.value2))}`;
    default:
      throw new Error(`Comparison "${c.op}" does not apply to a number`);
  }
}

/** An occurrence time compared with a before/after/between/within/more-than comparison. */
export function timeComparison(t: SQL, c: Comparison, now: number): SQL {
  switch (c.op) {
    case "before":
      return sql`${t} < ${instant(c.value)}`;
    case "after":
      return sql`${t} > ${instant(c.value)}`;
    case "between":
      return sql`${t} >= ${instant(String(c.value))} and ${t} <= ${instant(String(c.value2))}`;
    case "within_last_days":
      return sql`${t} > ${boundInstant(now - c.value * DAY_MS)}`;
    case "more_than_days_ago":
      return sql`${t} <= ${boundInstant(now - c.value * DAY_MS)}`;
    default:
      throw new Error(`Comparison "${c.op}" does not apply to an occurrence time`);
  }
}

/** Counting stops early: `limit` bounds the rows a count needs to decide the comparison. */
function countSql(where: SQL, c: Comparison): SQL {
  const exists = sql`exists (select 1 from events e where ${where})`;
  const count = (limit: number) =>
    sql`(select count(*) from (select 1 from events e where ${where} limit ${String(limit)}::bigint) c)`;
  switch (c.op) {
    case "at_least":
      if (c.value <= 0) return sql`true`;
      return c.value === 1 ? exists : sql`${count(c.value)} >= ${boundNumber(c.value)}`;
    case "at_most":
      return c.value === 0 ? sql`not ${exists}` : sql`${count(c.value + 1)} <= ${boundNumber(c.value)}`;
    case "exactly":
      return c.value === 0 ? sql`not ${exists}` : sql`${count(c.value + 1)} = ${boundNumber(c.value)}`;
    case "between": {
      // One subquery, compared twice: BETWEEN would expand into two executions of it.
      const n = sql.raw("k.n");
      return sql`(select ${numberComparison(n, c)} from (select ${count(Number(c.value2) + 1)} as n) k)`;
    }
    default:
      throw new Error(`Comparison "${c.op}" does not apply to a count`);
  }
}

const AGGREGATES = { min: "min", max: "max", first: "min", last: "max" } as const;

/** SQL for an event condition over the profile row `p`; never NULL. */
export function eventSql(c: EventCondition, now: number): SQL {
  const where = measuredEvents(c, now);
  const m = c.measure;
  let condition: SQL;
  switch (m.kind) {
    case "count":
      // Never NULL already; left unwrapped so PostgreSQL can turn EXISTS into a semi-join.
      return countSql(where, c.comparison);
    case "sum":
    case "avg":
    case "min":
    case "max": {
      const x = jsonField(property("e", m.property)).number!;
      const aggregate =
        m.kind === "avg"
          ? sql`count(${x}) > 0 and ${averageComparison(sql`sum(${x})`, sql`count(${x})`, c.comparison)}`
          : numberComparison(m.kind === "sum" ? sql`coalesce(sum(${x}), 0)` : sql`${sql.raw(AGGREGATES[m.kind])}(${x})`, c.comparison);
      condition = sql`(select ${aggregate} from events e where ${where})`;
      break;
    }
    case "first":
    case "last": {
      const t = sql`${sql.raw(AGGREGATES[m.kind])}(e.timestamp)`;
      condition = sql`(select ${timeComparison(t, c.comparison, now)} from events e where ${where})`;
      break;
    }
    default:
      return assertNever(m, "measure");
  }
  return sql`coalesce((${condition}), false)`;
}
