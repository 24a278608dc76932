/**
 * Test databases: a fresh in-memory PGlite always, and a fresh PostgreSQL database on the
 * server in `DATABASE_URL` when it is set, so every integration test runs on both engines.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DbHandle, type Engine } from "@/db/client";

export interface TestDb extends DbHandle {
  name: string;
}

/** The engines integration tests run on here: PGlite, plus PostgreSQL when DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** Opens an empty, migrated database of the given engine; `close()` drops it again. */
export async function createTestDb(engine: Engine): Promise<TestDb> {
  if (engine === "pglite") {
    const handle = await openDatabase({ dataDir: "memory://" });
    return { ...handle, name: "pglite" };
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set: cannot create a PostgreSQL test database");
  const name = `tailor_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), max: 4 });
  return {
    ...handle,
    name: "postgres",
    close: async () => {
      await handle.close();
      const dropper = postgres(base, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
