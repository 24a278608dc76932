/**
 * The one date format of the rule language, parsed identically in TypeScript (here) and SQL
 * (`sqlIsoDate` in sql-values.ts): `YYYY-MM-DD`, optionally `THH:MM[:SS[.mmm]]` (or a space for `T`)
 * and `Z` / `±HH:MM`. No offset means UTC. Milliseconds at most, because JavaScript dates hold no
 * more. Only real calendar days are accepted, so PostgreSQL never sees a value it would reject.
 */
export const ISO_DATE_PATTERN =
  "^([1-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])" +
  "(?:[T ]([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9])(?:\\.([0-9]{1,3}))?)?" +
  "(Z|[+-](?:0[0-9]|1[0-4]):[0-5][0-9])?)?$";

/** Matches the strings of ISO_DATE_PATTERN that carry an explicit offset. */
export const ISO_OFFSET_PATTERN = "(Z|[+-][0-9]{2}:[0-9]{2})$";

const isoDate = new RegExp(ISO_DATE_PATTERN);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Epoch milliseconds of an ISO date string, or NaN when it is not one. */
export function parseIsoDate(s: string): number {
  const m = isoDate.exec(s);
  if (m === null) return NaN;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  if (day > daysInMonth(year, month)) return NaN;
  const millis = m[7] === undefined ? 0 : +(m[7] + "00").slice(0, 3);
  let ms = Date.UTC(year, month - 1, day, m[4] === undefined ? 0 : +m[4], m[5] === undefined ? 0 : +m[5], m[6] === undefined ? 0 : +m[6], millis);
  const zone = m[8];
  if (zone !== undefined && zone !== "Z") {
    const minutes = +zone.slice(1, 3) * 60 + +zone.slice(4, 6);
    ms -= (zone[0] === "-" ? -minutes : minutes) * 60_000;
  }
  return ms;
}
