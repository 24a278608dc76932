/**
 * One query for a segment's daily size over many past days, instead of one evaluation per day.
 *
 * Day i (0..D) ends at `asOf(i)` = the next UTC midnight − 1 ms; events are stored to the
 * millisecond, so "timestamp ≤ asOf(i)" is "on UTC day i or before" and a `last N days` window
 * as of asOf(i) is exactly days i−N+1..i. Every event condition is a per-profile step function of
 * the day: its daily counts (rollups, or raw events) become +n on the day they enter the window
 * and −n on the day they leave it, and a running sum per profile gives the measured value on
 * every day it can change. The rule — groups, negation, inlined segment references, traits as
 * read today — is evaluated on those change days only, together with "the profile existed"
 * (first seen on or before the day). Its transitions per day are the entries and exits; sizes
 * are their running sum. Profiles without any change keep one value over the whole range.
 *
 * Shapes this cannot express — `since`, avg/min/max/first/last, windows that are not whole days,
 * relative dates (within_last_days …) anywhere — throw Unsupported; the caller then evaluates
 * day by day with the fast compiler.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Comparison, EventCondition, Node, PropertyFilter, Rule, TraitCondition } from "@/lib/rules/ast";
import { splitPath } from "@/lib/rules/fields";
import { parseIsoDate } from "@/lib/rules/iso-date";
import { numberComparison } from "@/lib/rules/sql-event";
import { predicateSql } from "@/lib/rules/sql-predicate";
import { boundInstant, boundNumber, boundText, jsonField, jsonPath } from "@/lib/rules/sql-values";
import { DAY_MS } from "@/lib/rules/value-test";
import { countRange, holdsForZero } from "@/lib/segments/fast-sql/event-set";
import { rollupSlice } from "@/lib/segments/fast-sql/rollup-slice";
import { traitSql } from "@/lib/segments/fast-sql/trait-sql";

/** The rule has a shape the set-based history cannot evaluate; fall back to one evaluation per day. */
export class Unsupported extends Error {}

export interface HistorySqlParams {
  workspaceId: string;
  rule: Rule;
  resolve: (key: string) => Rule | undefined;
  /** UTC day number (epoch days) of day 0; day i is `base + i`. */
  base: number;
  /** Last day index; days 0..D are computed. */
  lastDay: number;
  /** Whether event_rollups is complete for the workspace. */
  rollups: boolean;
}

type Expr =
  | { kind: "const"; value: boolean }
  | { kind: "and" | "or"; parts: Expr[] }
  | { kind: "not"; part: Expr }
  | { kind: "event"; index: number }
  | { kind: "trait"; index: number };

interface EventAtom {
  /** `(profile_id, day, v)`: from `day` on (until the profile's next row) the condition is `v`. */
  rows: SQL;
  /** The condition's value for a profile without events. */
  empty: boolean;
}

const RELATIVE = new Set(["within_last_days", "more_than_days_ago"]);
const MAX_TRAITS = 30;

const dayOf = (column: SQL) => sql`(floor(extract(epoch from ${column}) / 86400)::int)`;

function propertySql(path: string): SQL {
  const keys = splitPath(path);
  if (!keys) throw new Error(`Invalid property path "${path}"`);
  return jsonPath(sql.raw("e.properties"), keys);
}

const checkFilters = (filters: readonly PropertyFilter[]) => {
  if (filters.some((f) => RELATIVE.has(f.operator))) throw new Unsupported("a filter relative to now");
};

class Compiler {
  readonly events: EventAtom[] = [];
  readonly traits: SQL[] = [];
  private readonly stack: string[] = [];

  constructor(private readonly p: HistorySqlParams) {}

  /** The instant day `i` ends at (ms). */
  asOf(i: number) {
    return (this.p.base + i + 1) * DAY_MS - 1;
  }

  node(n: Node): Expr {
    switch (n.type) {
      case "group": {
        const parts = n.children.map((c) => this.node(c));
        const expr: Expr = parts.length === 0 ? { kind: "const", value: n.op === "and" } : { kind: n.op, parts };
        return n.negate ? { kind: "not", part: expr } : expr;
      }
      case "trait":
        return this.trait(n);
      case "event":
        return this.event(n);
      case "segment": {
        if (this.stack.includes(n.segment)) throw new Error(`Segment reference cycle: ${[...this.stack, n.segment].join(" → ")}`);
        const rule = this.p.resolve(n.segment);
        if (!rule) throw new Error(`Unknown segment "${n.segment}"`);
        this.stack.push(n.segment);
        try {
          const inner = this.node(rule);
          return n.op === "in" ? inner : { kind: "not", part: inner };
        } finally {
          this.stack.pop();
        }
      }
    }
  }

  private trait(n: TraitCondition): Expr {
    if (RELATIVE.has(n.operator)) throw new Unsupported("a trait date relative to now");
    if (this.traits.length >= MAX_TRAITS) throw new Unsupported("more than 30 trait conditions");
    // Not relative to now: the same SQL at any instant.
    this.traits.push(traitSql(n, this.asOf(this.p.lastDay)));
    return { kind: "trait", index: this.traits.length - 1 };
  }

  private event(c: EventCondition): Expr {
    if (c.since) throw new Unsupported("since");
    checkFilters(c.filters);
    const m = c.measure;
    let test: (s: SQL) => SQL;
    let empty: boolean;
    if (m.kind === "count") {
      const range = countRange(c.comparison);
      if (!range) return { kind: "const", value: false };
      const [low, high] = range;
      if (low === 0 && high === Infinity) return { kind: "const", value: true };
      test = (s) => (high === Infinity ? sql`${s} >= ${boundNumber(low)}` : sql`${s} >= ${boundNumber(low)} and ${s} <= ${boundNumber(high)}`);
      empty = low === 0;
    } else if (m.kind === "sum") {
      test = (s) => numberComparison(s, c.comparison);
      empty = holdsForZero(c.comparison);
    } else throw new Unsupported(`measure ${m.kind}`);
    const daily = this.daily(c);
    // Counts stay integers (numeric arithmetic costs several times more); sums are exact numerics.
    const total = m.kind === "count" ? sql`sum(d.delta)::int` : sql`sum(d.delta)`;
    const deltas = this.deltas(c, daily);
    // Only the days on which the value changes (and each profile's first row) are kept.
    const rows = sql`select w.profile_id, w.day, w.v from (
        select m.profile_id, m.day, m.v, lag(m.v) over (partition by m.profile_id order by m.day) as pv from (
          select g.profile_id, g.day, coalesce((${test(sql`sum(g.s) over (partition by g.profile_id order by g.day rows unbounded preceding)`)}), false) as v
          from (select d.profile_id, d.day, ${total} as s from (${deltas}) d group by 1, 2) g) m) w
      where w.pv is distinct from w.v`;
    this.events.push({ rows, empty });
    return { kind: "event", index: this.events.length - 1 };
  }

  /** Window length in whole days, or null for `ever`/`between`. */
  private windowDays(c: EventCondition): number | null {
    const w = c.window;
    if (w.kind !== "last") return null;
    const ms = w.amount * { minutes: 60_000, hours: 3_600_000, days: DAY_MS }[w.unit];
    if (ms % DAY_MS !== 0) throw new Unsupported("a window that is not whole days");
    return ms / DAY_MS;
  }

  /** `(profile_id, d, n)`: per profile and day index (≤ D, possibly negative), the measured amount. */
  private daily(c: EventCondition): SQL {
    const ws = this.p.workspaceId;
    const end = (this.p.base + this.p.lastDay + 1) * DAY_MS;
    const w = c.window;
    const days = this.windowDays(c);
    const firstDay = days === null ? null : 1 - days;
    const slice = this.p.rollups && w.kind !== "between" ? rollupSlice(c) : null;
    if (slice) {
      const values = sql.join(slice.values.map((v) => boundText(v)), sql`, `);
      const from = firstDay === null ? sql`` : sql`and r.day >= ${boundInstant((this.p.base + firstDay) * DAY_MS)}`;
      return sql`select r.profile_id, ${dayOf(sql`r.day`)} - ${this.p.base}::int as d, r.count as n from event_rollups r
        where r.workspace_id = ${ws}::uuid and r.event = ${boundText(c.event)} and r.dim_key = ${boundText(slice.key)}
        and r.dim_value in (${values}) ${from} and r.day < ${boundInstant(end)}`;
    }
    const where = [
      sql`e.workspace_id = ${ws}::uuid`,
      sql`e.event = ${boundText(c.event)}`,
      sql`e.timestamp < ${boundInstant(end)}`,
      ...c.filters.map((f) => predicateSql(f, jsonField(propertySql(f.property)), this.asOf(this.p.lastDay))),
    ];
    if (firstDay !== null) where.push(sql`e.timestamp >= ${boundInstant((this.p.base + firstDay) * DAY_MS)}`);
    if (w.kind === "between") {
      const from = parseIsoDate(w.from);
      const to = parseIsoDate(w.to);
      if (Number.isNaN(from) || Number.isNaN(to)) throw new Error(`Not a date in window ${JSON.stringify(w)}`);
      where.push(sql`e.timestamp >= ${boundInstant(from)}`, sql`e.timestamp <= ${boundInstant(to)}`);
    }
    const measure = c.measure.kind === "sum" ? sql`coalesce(sum(${jsonField(propertySql(c.measure.property)).number!}), 0)` : sql`count(*)::int`;
    return sql`select e.profile_id, ${dayOf(sql`e.timestamp`)} - ${this.p.base}::int as d, ${measure} as n
      from events e where ${sql.join(where, sql` and `)} group by 1, 2`;
  }

  /** `(profile_id, day, delta)` with day in 0..D: amounts entering (and, for `last N days`, leaving) the window. */
  private deltas(c: EventCondition, daily: SQL): SQL {
    const days = this.windowDays(c);
    const D = this.p.lastDay;
    if (days === null) return sql`select x.profile_id, greatest(x.d, 0) as day, x.n as delta from (${daily}) x`;
    return sql`select x.profile_id, y.day, y.delta from (${daily}) x
      cross join lateral (values (greatest(x.d, 0), x.n), (greatest(x.d + ${days}::int, 0), -x.n)) as y(day, delta)
      where y.day <= ${D}::int`;
  }
}

/** SQL of an expression, given how to read event atom k and trait atom k. */
function exprSql(e: Expr, event: (k: number) => SQL, trait: (k: number) => SQL): SQL {
  switch (e.kind) {
    case "const":
      return e.value ? sql`true` : sql`false`;
    case "and":
    case "or":
      return sql`(${sql.join(e.parts.map((p) => exprSql(p, event, trait)), e.kind === "and" ? sql` and ` : sql` or `)})`;
    case "not":
      return sql`(not ${exprSql(e.part, event, trait)})`;
    case "event":
      return event(e.index);
    case "trait":
      return trait(e.index);
  }
}

/** Whether an expression is the constant false once every event condition takes its no-events value (traits unknown). */
function alwaysFalseWithoutEvents(e: Expr, events: EventAtom[]): boolean {
  const value = (x: Expr): boolean | null => {
    switch (x.kind) {
      case "const":
        return x.value;
      case "event":
        return events[x.index].empty;
      case "trait":
        return null;
      case "not": {
        const v = value(x.part);
        return v === null ? null : !v;
      }
      case "and":
      case "or": {
        const vs = x.parts.map(value);
        if (x.kind === "and") return vs.includes(false) ? false : vs.every((v) => v === true) ? true : null;
        return vs.includes(true) ? true : vs.every((v) => v === false) ? false : null;
      }
    }
  };
  return value(e) === false;
}

/**
 * The query returning `(day, entered, exited)` rows for days 0..D (day 0's `entered` is its size),
 * possibly several rows per day to be added up. Throws Unsupported for shapes it cannot do.
 */
export function sizeHistorySql(p: HistorySqlParams): SQL {
  const c = new Compiler(p);
  const expr = c.node(p.rule);
  const ws = sql`${p.workspaceId}::uuid`;
  const D = p.lastDay;
  const first = sql`(${dayOf(sql`p.first_seen_at`)} - ${p.base}::int)`;
  const traitCols = c.traits.map((t, k) => sql`, coalesce((${t}), false) as ${sql.raw(`t${k}`)}`);
  const traitMask = c.traits.length === 0 ? sql`1` : sql`1 + ${sql.join(c.traits.map((_, k) => sql`(case when ${sql.raw(`t${k}`)} then ${1 << k} else 0 end)`), sql` + `)}`;
  const none = (k: number) => sql`${c.events[k].empty ? sql`true` : sql`false`}`;
  const atomNames = c.events.map((_, k) => sql.raw(`c${k}`));

  // Profiles existing by the last day, with their trait values and whether any condition changes for them.
  // Driven from profiles (an index-only scan of profiles_first_seen_idx when no trait is read) with the
  // changed set hashed once: probing the profiles' primary key per changed profile costs seconds at a million.
  const changed = c.events.length === 0 ? sql`false` : sql`(p.workspace_id, p.id) in (select ${ws}, a.profile_id from atoms a)`;
  const onlyChanged = alwaysFalseWithoutEvents(expr, c.events) && c.events.length > 0;
  const scan = sql`select p.id as profile_id, greatest(${first}, 0) as f, ${changed} as changed ${sql.join(traitCols, sql``)}
    from profiles p where p.workspace_id = ${ws} and p.first_seen_at < ${boundInstant((p.base + D + 1) * DAY_MS)} offset 0`;
  const profilesCte = onlyChanged ? sql`select x.* from (${scan}) x where x.changed` : scan;

  // Constant over the whole range: in from the day they were first seen, when the rule holds for no events.
  const constant = sql`select pp.f as day, count(*)::int as entered, 0 as exited from pp
    where not pp.changed and ${exprSql(expr, none, (k) => sql.raw(`pp.t${k}`))} group by 1`;
  if (c.events.length === 0) return sql`with pp as materialized (${profilesCte}) ${constant}`;

  const atoms = sql.join(c.events.map((a, k) => sql`select profile_id, day, ${sql.raw(String(k))} as k, day * 2 + v::int as code from (${a.rows}) ${sql.raw(`a${k}`)}`), sql` union all `);
  const pick = sql.join(atomNames.map((name, k) => sql`, max(case when x.k = ${sql.raw(String(k))} then x.code end) as ${name}`), sql``);
  const carry = sql.join(atomNames.map((name) => sql`, max(u.${name}) over w as ${name}`), sql``);
  const eventValue = (k: number) => sql`coalesce(cf.c${sql.raw(String(k))} % 2 = 1, ${none(k)})`;
  const traitValue = (k: number) => sql`((cf.cx - 1) >> ${sql.raw(String(k))}) & 1 = 1`;
  return sql`with atoms as materialized (${atoms}),
    pp as materialized (${profilesCte}),
    u as (
      select x.profile_id, x.day ${pick}, max(x.cx) as cx from (
        select a.profile_id, a.day, a.k, a.code, null::int as cx from atoms a
        union all
        select pp.profile_id, pp.f, -1, null, ${traitMask} from pp where pp.changed) x
      group by 1, 2),
    cf as (select u.profile_id, u.day ${carry}, max(u.cx) over w as cx from u
      window w as (partition by u.profile_id order by u.day rows unbounded preceding)),
    ev as (select cf.profile_id, cf.day, (cf.cx is not null and ${exprSql(expr, eventValue, traitValue)}) as v from cf),
    tr as (select ev.day, ev.v, lag(ev.v, 1, false) over (partition by ev.profile_id order by ev.day) as prev from ev)
    select tr.day, count(*) filter (where tr.v)::int as entered, count(*) filter (where not tr.v)::int as exited
    from tr where tr.v <> tr.prev group by 1
    union all
    ${constant}`;
}
