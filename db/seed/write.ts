/**
 * Loads generated chunks with COPY on either engine. Each chunk is one transaction, so a
 * profile never appears without its identities and events, and a failure leaves whole chunks.
 */
import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Sql, TransactionSql } from "postgres";
import type { DbHandle } from "@/db/client";
import { EVENT_COLUMNS, IDENTITY_COLUMNS, PROFILE_COLUMNS, encodeChunk } from "./copy-format";
import { enableGeometricFileGrowth } from "./pglite-memfs";
import type { SeedChunk } from "./types";

export interface SeedWriter {
  writeChunk(workspaceId: string, chunk: SeedChunk): Promise<void>;
}

// Table and column names are constants of this module, never input, so plain strings are safe here.
const TABLES = [
  ["profiles", PROFILE_COLUMNS],
  ["identities", IDENTITY_COLUMNS],
  ["events", EVENT_COLUMNS],
] as const;

type TableName = (typeof TABLES)[number][0];

function copyStatement(table: TableName, columns: readonly string[], source: string): string {
  return `copy ${table} (${columns.join(", ")}) from ${source}`;
}

/**
 * The only triggers on the seeded tables are the workspace foreign keys, which cost a lookup
 * per row (~15% of a PGlite load). When we may switch them off (superuser) and no other trigger
 * exists that replica mode would silently skip, each chunk locks its workspace row once instead,
 * the same guarantee the foreign key gives.
 */
const CAN_SKIP_FK_CHECKS = `select current_setting('is_superuser') = 'on' and not exists (
  select 1 from pg_trigger where not tgisinternal
  and tgrelid in ('profiles'::regclass, 'identities'::regclass, 'events'::regclass)) as ok`;
const LOCK_WORKSPACE = "select 1 from workspaces where id = $1 for key share";
const SKIP_FK_CHECKS = "set local session_replication_role = replica";

/** drizzle keeps the driver client it was built on as `$client`. */
function rawClient<T>(handle: DbHandle): T {
  const client = (handle.db as unknown as { $client?: T }).$client;
  if (!client) throw new Error("The drizzle instance exposes no $client; cannot COPY seed data");
  return client;
}

async function pgliteWriter(pg: PGlite): Promise<SeedWriter> {
  enableGeometricFileGrowth(pg);
  const skipFk = (await pg.query<{ ok: boolean }>(CAN_SKIP_FK_CHECKS)).rows[0].ok;
  return {
    async writeChunk(workspaceId, chunk) {
      const payload = encodeChunk(workspaceId, chunk.profiles, chunk.events);
      await pg.transaction(async (tx: Transaction) => {
        await tx.query(LOCK_WORKSPACE, [workspaceId]);
        if (skipFk) await tx.query(SKIP_FK_CHECKS);
        for (const [table, columns] of TABLES) {
          if (!payload[table]) continue;
          // PGlite reads COPY input from a Blob mounted at /dev/blob.
          await tx.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([payload[table]]) });
        }
      });
    },
  };
}

async function postgresWriter(sql: Sql): Promise<SeedWriter> {
  const [{ ok: skipFk }] = await sql.unsafe<{ ok: boolean }[]>(CAN_SKIP_FK_CHECKS);
  return {
    async writeChunk(workspaceId, chunk) {
      const payload = encodeChunk(workspaceId, chunk.profiles, chunk.events);
      await sql.begin(async (tx: TransactionSql) => {
        await tx.unsafe(LOCK_WORKSPACE, [workspaceId]);
        if (skipFk) await tx.unsafe(SKIP_FK_CHECKS);
        for (const [table, columns] of TABLES) {
          if (!payload[table]) continue;
          const stream = await tx.unsafe(copyStatement(table, columns, "stdin")).writable();
          await pipeline(Readable.from([payload[table]]), stream);
        }
      });
    },
  };
}

/** A COPY writer for the engine behind `handle`. */
export async function createSeedWriter(handle: DbHandle): Promise<SeedWriter> {
  return handle.engine === "pglite" ? pgliteWriter(rawClient<PGlite>(handle)) : postgresWriter(rawClient<Sql>(handle));
}
