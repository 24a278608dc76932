import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database } from "@/db/client";
import { AppError } from "@/lib/api/errors";
import { newWorkspace, profilesOf } from "@/lib/ingest/__tests__/helpers";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { importErrorsCsv } from "../errors-csv";
import { imports } from "@/db/schema";
import { getImport, listImports } from "../list-imports";
import { convertCell, mapRow } from "../map-row";
import { previewImport } from "../preview-import";
import { IMPORT_STALE_MS, importMappingSchema, type ImportMapping } from "../schemas";
import { startImport } from "../start-import";

const actor = { id: "user:test", label: "test@example.com" };
const csv = (text: string) => new TextEncoder().encode(text);

describe("convertCell", () => {
  it.each([
    ["number", "42", 42],
    ["number", " -3.5 ", -3.5],
    ["number", "1e3", 1000],
    ["boolean", "Yes", true],
    ["boolean", "0", false],
    ["date", "2024-05-31", "2024-05-31T00:00:00.000Z"],
    ["date", "2024-05-31T14:30:00+02:00", "2024-05-31T12:30:00.000Z"],
    ["text", " keep spaces ", " keep spaces "],
  ] as const)("%s %j → %j", (type, raw, value) => {
    expect(convertCell(raw, type)).toEqual({ ok: true, value });
  });

  it.each([
    ["number", "12,5", "is not a number"],
    ["number", "abc", "is not a number"],
    ["number", "Infinity", "is not a number"],
    ["boolean", "maybe", "is not a boolean"],
    ["date", "31/05/2024", "is not a date"],
    ["date", "2024-13-45", "is not a date"],
  ] as const)("%s %j is refused", (type, raw, message) => {
    const result = convertCell(raw, type);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });
});

describe("importMappingSchema", () => {
  it.each([
    [{ columns: [{ column: "email", target: "trait", trait: "email", type: "text" }] }, "userId or anonymousId"],
    [{ columns: [{ column: "a", target: "userId" }, { column: "b", target: "userId" }] }, "Only one column can be the userId"],
    [{ columns: [{ column: "a", target: "userId" }, { column: "b", target: "trait", trait: "x", type: "text" }, { column: "c", target: "trait", trait: "x", type: "number" }] }, "Two columns set the trait"],
    [{ columns: [{ column: "a", target: "userId" }, { column: "b", target: "trait", trait: "first name", type: "text" }] }, "Trait names use"],
    [{ columns: [{ column: "a", target: "userId" }, { column: "b", target: "trait", trait: "consent", type: "boolean" }] }, "consent is reserved"],
  ])("refuses %j", (mapping, message) => {
    const result = importMappingSchema.safeParse(mapping);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });
});

describe("mapRow", () => {
  const mapping: ImportMapping = {
    columns: [
      { column: "id", target: "userId" },
      { column: "age", target: "trait", trait: "age", type: "number" },
      { column: "vip", target: "trait", trait: "vip", type: "boolean" },
      { column: "notes", target: "ignore" },
    ],
  };
  const header = ["id", "age", "vip", "notes"];
  it("maps a row to an identify message; empty cells set nothing", () => {
    expect(mapRow(header, ["u1", "31", "", "x"], mapping, 2, "m1")).toEqual({ ok: true, message: { type: "identify", messageId: "m1", userId: "u1", traits: { age: 31 } } });
  });
  it("lists every problem of a bad row", () => {
    const result = mapRow(header, ["", "old", "perhaps", ""], mapping, 7, "m");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.row, e.column])).toEqual([[7, "id"], [7, "age"], [7, "vip"]]);
  });
});

async function waitFor(db: Database, ws: string, id: string) {
  const job = await getImport(db, ws, id);
  return job;
}

describe.each(testEngines())("CSV import on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  const MAPPING = {
    columns: [
      { column: "user_id", target: "userId" },
      { column: "email", target: "trait", trait: "email", type: "text" },
      { column: "age", target: "trait", trait: "age", type: "number" },
      { column: "signed_up", target: "trait", trait: "signed_up", type: "date" },
    ],
  };

  async function run(ws: string, text: string, mapping: unknown = MAPPING, filename = "people.csv") {
    const { job, done } = await startImport(t.db, { workspaceId: ws, actor, filename, file: csv(text), mapping });
    expect(job.status).toBe("running");
    await done;
    return waitFor(t.db, ws, job.id);
  }

  const eventCount = async (ws: string) => Number((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from events where workspace_id = ${ws}::uuid`))[0].n);

  it("imports good rows, reports bad ones with row and column, and a re-import of the same file changes nothing", async () => {
    const ws = await newWorkspace(t.db);
    const file = ["user_id,email,age,signed_up", "u1,a@x.io,31,2024-01-02", ",nobody@x.io,20,2024-01-02", "u3,c@x.io,thirty,2024-01-02", "u4,d@x.io,44,02/01/2024", "u5,e@x.io,,"].join("\n");
    const job = await run(ws, file);
    expect(job).toMatchObject({ status: "completed", totalRows: 5, processed: 5, succeeded: 2, failed: 3 });
    expect(job.errors.map((e) => [e.row, e.column])).toEqual([[3, "user_id"], [4, "age"], [5, "signed_up"]]);
    expect(job.errors[1].message).toContain('"thirty" is not a number');

    const profiles = await profilesOf(t.db, ws);
    expect(profiles.map((p) => [p.user_id, p.traits]).sort()).toEqual([
      ["u1", { email: "a@x.io", age: 31, signed_up: "2024-01-02T00:00:00.000Z" }],
      ["u5", { email: "e@x.io" }],
    ]);
    expect(await eventCount(ws)).toBe(2);

    const again = await run(ws, file);
    expect(again).toMatchObject({ status: "completed", succeeded: 2, failed: 3 });
    expect(await eventCount(ws)).toBe(2);
    expect((await profilesOf(t.db, ws)).length).toBe(2);

    const report = importErrorsCsv(job.errors);
    expect(report.split("\n")[0]).toBe("row,column,message");
    expect(report).toContain("4,age,");
  });

  it("stores formula cells as plain text and defuses them in the error report", async () => {
    const ws = await newWorkspace(t.db);
    const job = await run(ws, 'user_id,email,age,signed_up\nu1,"=HYPERLINK(""http://evil"")",1,\nu2,x,=1+1,\n');
    expect(job.succeeded).toBe(1);
    const [p] = await profilesOf(t.db, ws);
    expect(p.traits.email).toBe('=HYPERLINK("http://evil")');
    expect(job.errors[0]).toMatchObject({ row: 3, column: "age" });
    expect(importErrorsCsv([{ row: 3, column: "=cmd", message: "=1+1 is bad" }])).toContain("'=cmd,'=1+1 is bad");
  });

  it("reports a huge cell as a row error and imports the other rows", async () => {
    const ws = await newWorkspace(t.db);
    const job = await run(ws, `user_id,email,age,signed_up\nu1,${"x".repeat(100_000)},1,\nu2,ok@x.io,2,\n`);
    expect(job).toMatchObject({ status: "completed", succeeded: 1, failed: 1 });
    expect(job.errors[0]).toMatchObject({ row: 2, column: "email" });
    expect(job.errors[0].message).toContain("characters long");
  });

  it("refuses a semicolon-separated file with a message that says how to fix it", async () => {
    const ws = await newWorkspace(t.db);
    const file = csv("user_id;email\nu1;a@x.io\n");
    await expect(previewImport("x.csv", file)).rejects.toThrow(/separated by ";".*comma/);
    await expect(startImport(t.db, { workspaceId: ws, actor, filename: "x.csv", file, mapping: MAPPING })).rejects.toBeInstanceOf(AppError);
  });

  it("refuses a mapping that names a column the file lacks, and a file over 10 MB", async () => {
    const ws = await newWorkspace(t.db);
    await expect(startImport(t.db, { workspaceId: ws, actor, filename: "x.csv", file: csv("user_id,email\nu1,a\n"), mapping: MAPPING })).rejects.toThrow(/"age", "signed_up"/);
    await expect(startImport(t.db, { workspaceId: ws, actor, filename: "x.csv", file: new Uint8Array(10 * 1024 * 1024 + 1), mapping: MAPPING })).rejects.toThrow(/at most 10 MB/);
  });

  it("a broken quote is refused with a clear error before anything is imported", async () => {
    const ws = await newWorkspace(t.db);
    const file = csv('user_id,email,age,signed_up\nu1,a@x.io,1,\nu2,"unclosed,2,\n');
    await expect(startImport(t.db, { workspaceId: ws, actor, filename: "x.csv", file, mapping: MAPPING })).rejects.toThrow(/quoted cell is never closed/);
  });

  it("previews the header, first rows and a suggested mapping", async () => {
    const preview = await previewImport("p.csv", csv("userId,Plan Name,score,active\nu1,pro,3,yes\nu2,free,4.5,no\n"));
    expect(preview.columns).toEqual(["userId", "Plan Name", "score", "active"]);
    expect(preview.rows).toHaveLength(2);
    expect(preview.suggested).toEqual([
      { column: "userId", target: "userId" },
      { column: "Plan Name", target: "trait", trait: "plan_name", type: "text" },
      { column: "score", target: "trait", trait: "score", type: "number" },
      { column: "active", target: "trait", trait: "active", type: "boolean" },
    ]);
  });

  it("an import whose server stopped is shown as interrupted, with how far it got and how to finish", async () => {
    const ws = await newWorkspace(t.db);
    const now = Date.now();
    const job = (name: string, heartbeatAgoMs: number) => ({ workspaceId: ws, filename: name, fileHash: name, mapping: MAPPING, totalRows: 12_000, processed: 3_000, succeeded: 2_990, failed: 10, createdBy: "t", heartbeatAt: new Date(now - heartbeatAgoMs) });
    const [lost, alive] = await t.db.insert(imports).values([job("lost.csv", IMPORT_STALE_MS + 1_000), job("alive.csv", 5_000)]).returning();
    expect((await getImport(t.db, ws, alive.id)).status).toBe("running");
    const listed = new Map((await listImports(t.db, ws)).map((j) => [j.id, j]));
    expect(listed.get(alive.id)).toMatchObject({ status: "running", error: null, finishedAt: null });
    const failed = listed.get(lost.id)!;
    expect(failed).toMatchObject({ status: "failed", processed: 3_000, succeeded: 2_990 });
    expect(failed.error).toContain("interrupted after 3,000 of 12,000 rows");
    expect(failed.error).toContain("Import the same file again");
    expect(failed.finishedAt!.getTime()).toBe(lost.heartbeatAt.getTime());
    // A finished import is never touched, however old.
    const done = await run(ws, "user_id,email,age,signed_up\nu1,a@x.io,1,\n");
    await t.db.update(imports).set({ heartbeatAt: new Date(0) }).where(eq(imports.workspaceId, ws));
    expect((await getImport(t.db, ws, done.id)).status).toBe("completed");
  });

  it("another workspace cannot read the job", async () => {
    const ws = await newWorkspace(t.db);
    const other = await newWorkspace(t.db);
    const job = await run(ws, "user_id,email,age,signed_up\nu1,a,1,\n");
    await expect(getImport(t.db, other, job.id)).rejects.toThrow(/not found/);
  });
});
