import "server-only";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

const dialect = new PgDialect();

interface PostgresClient {
  begin: <T>(fn: (tx: PostgresClient & { unsafe: (q: string, p?: unknown[]) => Promise<unknown[]> & { cancel: () => void } }) => Promise<T>) => Promise<T>;
  unsafe: (q: string, p?: unknown[]) => Promise<unknown[]> & { cancel: () => void };
}

function postgresClient(db: Database): PostgresClient | null {
  const client = (db as unknown as { $client?: unknown }).$client as Partial<PostgresClient> | undefined;
  return client && typeof client.unsafe === "function" && typeof client.begin === "function" ? (client as PostgresClient) : null;
}

export type BoundedResult<T> = { rows: T[][]; timedOut: false } | { rows: null; timedOut: true };

/**
 * Runs read-only queries under a statement timeout, and cancels them when `signal` aborts (the
 * builder moved on). On PostgreSQL both are enforced by the server; embedded PGlite runs in this
 * process and cannot be interrupted, so there the queries simply run to the end.
 */
export async function runBounded<T = Record<string, unknown>>(
  db: Database,
  queries: SQL[],
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<BoundedResult<T>> {
  const client = postgresClient(db);
  if (!client) return { rows: await Promise.all(queries.map((q) => queryRows<T>(db, q))), timedOut: false };
  try {
    const rows = await client.begin(async (tx) => {
      await tx.unsafe(`set local statement_timeout = ${Math.max(1, Math.floor(options.timeoutMs))}`);
      const out: T[][] = [];
      for (const q of queries) {
        const { sql: text, params } = dialect.sqlToQuery(q);
        const pending = tx.unsafe(text, params);
        const cancel = () => pending.cancel();
        options.signal?.addEventListener("abort", cancel, { once: true });
        try {
          out.push((await pending) as T[]);
        } finally {
          options.signal?.removeEventListener("abort", cancel);
        }
      }
      return out;
    });
    return { rows, timedOut: false };
  } catch (error) {
    if ((error as { code?: string }).code === "57014") {
      if (options.signal?.aborted) throw new DOMException("The preview was cancelled", "AbortError");
      return { rows: null, timedOut: true };
    }
    throw error;
  }
}
