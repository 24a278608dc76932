import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { workspaces } from "@/db/schema";
import { createTestDb, testEngines, type TestDb } from "./db";

describe.each(testEngines())("database on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  it("is migrated and isolated", async () => {
    await t.db.insert(workspaces).values({ slug: "acme", name: "Acme" });
    const rows = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from workspaces`);
    expect(rows[0].n).toBe(1);
    await expect(t.db.insert(workspaces).values({ slug: "acme", name: "Again" })).rejects.toThrow();
  });
});
