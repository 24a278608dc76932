/**
 * Runs one fixed SQL text with positional parameters as a named prepared statement on the hot
 * decision path. Through drizzle's `db.execute`, postgres.js sends every parameterized query
 * unprepared, which costs a second round trip (Parse/Describe, then Bind/Execute) each time;
 * prepared, a connection parses and plans the text once and then answers in one round trip.
 * PGlite runs in-process, so there the text simply runs. Parameters are passed as text (cast in
 * the SQL) so both drivers send them unchanged.
 */
import "server-only";
import type { Database } from "@/db/client";

type Row = Record<string, unknown>;
export type PreparedRunner = (text: string, params: (string | null)[]) => Promise<Row[]>;

interface PostgresJs {
  unsafe: (text: string, params: unknown[], options: { prepare: boolean }) => Promise<Row[]>;
}
interface Pglite {
  query: (text: string, params: unknown[]) => Promise<{ rows: Row[] }>;
}

const runners = new WeakMap<object, PreparedRunner>();

function createRunner(db: Database): PreparedRunner {
  const client = (db as unknown as { $client?: Partial<PostgresJs & Pglite> }).$client;
  if (typeof client?.unsafe === "function") {
    const pg = client as PostgresJs;
    return (text, params) => pg.unsafe(text, params, { prepare: true });
  }
  if (typeof client?.query === "function") {
    const lite = client as Pglite;
    return async (text, params) => (await lite.query(text, params)).rows;
  }
  throw new Error("The database handle exposes neither a postgres.js nor a PGlite client");
}

/** The prepared-statement runner of a database handle (one per handle). */
export function preparedRunner(db: Database): PreparedRunner {
  let runner = runners.get(db);
  if (!runner) {
    runner = createRunner(db);
    runners.set(db, runner);
  }
  return runner;
}
