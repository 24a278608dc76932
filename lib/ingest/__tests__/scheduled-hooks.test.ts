import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { flushProfilesTouched, registerProfilesTouchedHook } from "../hooks";
import { ingestBatch } from "../ingest-batch";
import { validateBatch } from "../validate";
import { newWorkspace } from "./helpers";

describe.each(testEngines())("scheduled profiles-touched hooks on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = (ws: string, anonymousId: string) => {
    const result = validateBatch({ batch: [{ type: "track", anonymousId, event: "E" }] });
    if (!result.ok) throw new Error("invalid");
    return ingestBatch(t.db, { workspaceId: ws, messages: result.messages, afterCommit: "schedule" });
  };

  it("answers before the hooks run, and coalesces batches that commit during a run into one next run", async () => {
    const ws = await newWorkspace(t.db);
    const calls: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const off = registerProfilesTouchedHook(async (_db, workspaceId, ids) => {
      if (workspaceId !== ws) return;
      calls.push([...ids].sort());
      if (calls.length === 1) await gate; // the first run is slow
    });
    try {
      const a = await send(ws, "a"); // returns although its hook run is stuck
      const b = await send(ws, "b");
      const c = await send(ws, "c");
      expect(calls).toEqual([a.profileIds]);
      release();
      await flushProfilesTouched();
      expect(calls).toEqual([a.profileIds, [...b.profileIds, ...c.profileIds].sort()]);
    } finally {
      release();
      off();
    }
  });
});
