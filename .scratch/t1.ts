import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../db/client";
const DATE_RE = "^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,3})?)?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])?)?$";
async function main() {
  for (const url of [undefined, "postgres://postgres@127.0.0.1:5432/postgres"]) {
    const h = await openDatabase(url ? { url, migrate: false } : { dataDir: "memory://", migrate: false });
    const r = await queryRows(h.db, sql`select version() v, current_setting('TimeZone') tz, current_setting('lc_collate', true) ct,
      ${'{"a":{"b":1}}'}::jsonb -> ${"a"}::text -> ${"b"}::text as nested,
      ${'{"a":[1]}'}::jsonb -> ${"a"}::text -> ${"0"}::text as arr,
      ${'"x"'}::jsonb -> ${"a"}::text as scal,
      translate(${"ÄbC"}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') as fold, lower(${"ÄbC"}) as low,
      '-infinity'::timestamptz < now() as inf,
      (${'1e+21'}::numeric) as n, (${'{"a":0.1}'}::jsonb -> 'a')::numeric as jn,
      ${"2024-01-05T10:00Z"} ~ ${DATE_RE} as re1, '2024-01-05T10:00Z'::timestamptz as t1, '2024-01-05'::timestamp at time zone 'UTC' as t2,
      '2024-01-05T10:00+02:00'::timestamptz as t3, '2024-01-05 10:00:00.5'::timestamp at time zone 'UTC' as t4,
      extract(day from make_date(2024,2,1) + (30 - 1)) as dd, strpos('abc','') sp, right('ab', 5) r, starts_with('abc','') sw`);
    console.log(h.engine, r[0]);
    await h.close();
  }
}
main();
