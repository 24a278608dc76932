/**
 * The operator switch of the SQL engine, the twin of value-test.ts. Every result is wrapped in
 * `coalesce(…, false)` so a condition is never NULL: negated groups then mean exactly what the
 * TypeScript engine's `!` means, with no three-valued logic in between.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Predicate } from "./ast";
import { foldAscii } from "./fold-ascii";
import { parseIsoDate } from "./iso-date";
import { assertNever } from "./operators";
import { boundInstant, boundNumber, boundText, fold, type SqlField } from "./sql-values";
import { DAY_MS } from "./value-test";

const FALSE = sql`false`;

function list(items: SQL[]): SQL {
  return sql.join(items, sql`, `);
}

/** `x in (…)` over texts (folded) or numbers, for a value known to be text or number. */
function memberOf(f: SqlField, values: readonly string[] | readonly number[]): SQL | null {
  if (typeof values[0] === "string") {
    return f.text && sql`${fold(f.text)} in (${list((values as string[]).map((v) => boundText(foldAscii(v))))})`;
  }
  return f.number && sql`${f.number} in (${list((values as number[]).map(boundNumber))})`;
}

/** Whether a jsonb array element equals `value` (text folded, numbers exact). */
function elementIs(value: string | number): SQL {
  if (typeof value === "string") {
    return sql`(case when jsonb_typeof(x.v) = 'string' then ${fold(sql`x.v #>> '{}'`)} = ${boundText(foldAscii(value))} else false end)`;
  }
  return sql`(case when jsonb_typeof(x.v) = 'number' then (x.v)::numeric = ${boundNumber(value)} else false end)`;
}

function arrayHas(array: SQL, match: SQL): SQL {
  return sql`exists (select 1 from jsonb_array_elements(${array}) as x(v) where ${match})`;
}

function date(iso: string): SQL {
  const ms = parseIsoDate(iso);
  if (Number.isNaN(ms)) throw new Error(`Not a date: "${iso}"`);
  return boundInstant(ms);
}

function compare(value: SQL | null, op: string, bound: SQL): SQL | null {
  return value && sql`${value} ${sql.raw(op)} ${bound}`;
}

function textMatch(f: SqlField, needle: string, kind: "contains" | "starts" | "ends"): SQL | null {
  if (!f.text) return null;
  const t = fold(f.text);
  const n = boundText(foldAscii(needle));
  if (kind === "contains") return sql`strpos(${t}, ${n}) > 0`;
  if (kind === "starts") return sql`starts_with(${t}, ${n})`;
  return sql`right(${t}, length(${n})) = ${n}`;
}

function predicate(p: Predicate, f: SqlField, now: number): SQL | null {
  switch (p.operator) {
    case "exists":
      return f.present;
    case "not_exists":
      return sql`not (${f.present})`;
    case "is_true":
      return f.boolean && sql`${f.boolean} is true`;
    case "is_false":
      return f.boolean && sql`${f.boolean} is false`;
    case "equals":
    case "not_equals": {
      const op = p.operator === "equals" ? "=" : "<>";
      if (typeof p.value === "number") return compare(f.number, op, boundNumber(p.value));
      return f.text && compare(fold(f.text), op, boundText(foldAscii(p.value)));
    }
    case "one_of":
      return memberOf(f, p.value);
    case "none_of": {
      const member = memberOf(f, p.value);
      return member && sql`not (${member})`;
    }
    case "contains":
      return textMatch(f, p.value, "contains");
    case "not_contains": {
      const match = textMatch(f, p.value, "contains");
      return match && sql`not (${match})`;
    }
    case "starts_with":
      return textMatch(f, p.value, "starts");
    case "ends_with":
      return textMatch(f, p.value, "ends");
    case "gt":
      return compare(f.number, ">", boundNumber(p.value));
    case "gte":
      return compare(f.number, ">=", boundNumber(p.value));
    case "lt":
      return compare(f.number, "<", boundNumber(p.value));
    case "lte":
      return compare(f.number, "<=", boundNumber(p.value));
    case "between": {
      const [low, high] = p.value;
      if (typeof low === "number" && typeof high === "number") {
        return f.number && sql`${f.number} between ${boundNumber(low)} and ${boundNumber(high)}`;
      }
      return f.date && sql`${f.date} between ${date(String(low))} and ${date(String(high))}`;
    }
    case "before":
      return compare(f.date, "<", date(p.value));
    case "after":
      return compare(f.date, ">", date(p.value));
    case "within_last_days":
      return f.date && sql`(${f.date} > ${boundInstant(now - p.value * DAY_MS)} and ${f.date} <= ${boundInstant(now)})`;
    case "more_than_days_ago":
      return compare(f.date, "<=", boundInstant(now - p.value * DAY_MS));
    case "list_contains_any":
      return f.array && arrayHas(f.array, sql.join(p.value.map(elementIs), sql` or `));
    case "list_contains_all":
      return f.array && sql.join(p.value.map((v) => arrayHas(f.array!, elementIs(v))), sql` and `);
    default:
      return assertNever(p, "operator");
  }
}

/** SQL for one operator and value over a field's typed views; never NULL (see ast.ts). */
export function predicateSql(p: Predicate, f: SqlField, now: number): SQL {
  const condition = predicate(p, f, now);
  return condition ? sql`coalesce((${condition}), false)` : FALSE;
}
