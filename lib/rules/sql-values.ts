/**
 * Typed SQL views of one value, mirroring the TypeScript engine's notion of "fits": each view is
 * NULL unless the value has that JSON type, and casts sit behind CASE so PostgreSQL never casts a
 * value that does not fit (AND does not promise an evaluation order; CASE does).
 * Only constants and allow-listed aliases reach `sql.raw`; every user value is a bound parameter.
 */
import { sql, type SQL } from "drizzle-orm";
import { ASCII_LOWER, ASCII_UPPER } from "./fold-ascii";
import { ISO_DATE_PATTERN, ISO_OFFSET_PATTERN } from "./iso-date";

export interface SqlField {
  /** True when the value is present (not missing, not JSON null); never NULL. */
  present: SQL;
  /** The value as text when it is a string, else NULL; null when it can never be one. */
  text: SQL | null;
  number: SQL | null;
  boolean: SQL | null;
  /** timestamptz when the value is a date (see iso-date.ts), else NULL. */
  date: SQL | null;
  /** The jsonb value when it is an array, else NULL. */
  array: SQL | null;
}

const datePattern = sql.raw(`'${ISO_DATE_PATTERN}'`);
const offsetPattern = sql.raw(`'${ISO_OFFSET_PATTERN}'`);

/** `base -> key1 -> key2 …` with every key bound. */
export function jsonPath(base: SQL, keys: readonly string[]): SQL {
  return sql.join([base, ...keys.map((key) => sql`${key}::text`)], sql` -> `);
}

/** Parses text as an ISO date exactly like parseIsoDate: NULL unless valid; no offset means UTC. */
export function sqlIsoDate(t: SQL): SQL {
  const day = sql`substr(${t}, 9, 2)::int`;
  const dayIsReal = sql`extract(day from make_date(substr(${t}, 1, 4)::int, substr(${t}, 6, 2)::int, 1) + (${day} - 1)) = ${day}`;
  const cast = sql`case when ${t} ~ ${offsetPattern} then (${t})::timestamptz else (${t})::timestamp at time zone 'UTC' end`;
  return sql`(case when ${t} ~ ${datePattern} then (case when ${dayIsReal} then ${cast} end) end)`;
}

/** The typed views of a jsonb expression. */
export function jsonField(value: SQL): SqlField {
  const v = sql`(${value})`;
  const text = sql`(case when jsonb_typeof(${v}) = 'string' then ${v} #>> '{}' end)`;
  return {
    present: sql`coalesce(jsonb_typeof(${v}) <> 'null', false)`,
    text,
    number: sql`(case when jsonb_typeof(${v}) = 'number' then (${v})::numeric end)`,
    boolean: sql`(case when jsonb_typeof(${v}) = 'boolean' then (${v})::boolean end)`,
    date: sqlIsoDate(text),
    array: sql`(case when jsonb_typeof(${v}) = 'array' then ${v} end)`,
  };
}

/** ASCII-only case folding, identical to foldAscii. */
export function fold(text: SQL): SQL {
  return sql`translate(${text}, '${sql.raw(ASCII_UPPER)}', '${sql.raw(ASCII_LOWER)}')`;
}

/** A bound number, exact: its shortest decimal text cast to numeric. */
export function boundNumber(n: number): SQL {
  if (!Number.isFinite(n)) throw new Error(`Not a finite number: ${n}`);
  return sql`${String(n)}::numeric`;
}

/** A bound instant (epoch ms). */
export function boundInstant(ms: number): SQL {
  return sql`${new Date(ms).toISOString()}::timestamptz`;
}

/** A bound text. */
export function boundText(s: string): SQL {
  return sql`${s}::text`;
}
