/**
 * Size history end to end, as the server runs it: saving a segment queues its backfill, the job
 * writes 90 backfilled days and today's snapshot, the read returns the cached series with the job's
 * state, membership changes after the save show up as entries and exits, a rule change recomputes
 * the past, and jobs whose process died or whose segment cannot be evaluated end visibly.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, insightJobs, profiles, segments } from "@/db/schema";
import { writeEnters } from "@/lib/membership/write-changes";
import { DAY_MS } from "@/lib/rules/value-test";
import { createSegment, updateSegment } from "@/lib/segments/save-segment";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import { enqueueInsightJob, latestInsightJob, runInsightJobs } from "./jobs";
import { getSegmentSizeHistory, SIZE_HISTORY_JOB } from "./segment-size-history";
import { snapshotSegmentSizes } from "./segment-size-snapshot";
import { isoDay } from "./size-history";

const actor = { id: "user:test", label: "ana@example.com" };
const today = Math.floor(Date.now() / DAY_MS);
/** Noon UTC of the day `n` days ago. */
const noon = (n: number) => new Date((today - n) * DAY_MS + 12 * 3_600_000);
const sports = (times: number) => ({
  type: "event", event: "Page Viewed", filters: [{ property: "category", operator: "equals", value: "sports" }],
  comparison: { op: "at_least", value: times }, window: { kind: "last", amount: 10, unit: "days" },
});

describe.each(testEngines())("segment size history on %s", (engine) => {
  let t: TestDb;
  let ws: string;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = (await createWorkspace(t.db, { name: "History" })).id;
    // Profile i (first seen 60 days ago) read sports once on each of days 20+i … 20+i−5 ago: in "≥ 1 in 10 days" from 20+i to 20+i−14 days ago.
    for (let i = 0; i < 6; i++) {
      const [p] = await t.db.insert(profiles).values({ workspaceId: ws, userId: `u${i}`, firstSeenAt: noon(60), lastSeenAt: noon(1) }).returning();
      ids.push(p.id);
      await t.db.insert(events).values(
        Array.from({ length: 6 }, (_, k) => ({ workspaceId: ws, profileId: p.id, messageId: `m${i}-${k}`, type: "page", event: "Page Viewed", properties: { category: "sports" }, timestamp: noon(20 + i - k) })),
      );
    }
  });
  afterAll(async () => t?.close());

  it("backfills 90 days in a background job queued by the save, then keeps today from the change log", async () => {
    const created = await createSegment(t.db, { workspaceId: ws, actor }, { key: "sports", name: "Sports", rule: sports(1) });
    const [stored] = await t.db.select().from(segments).where(eq(segments.id, created.id));
    expect(stored.ruleChangedAt).not.toBeNull();

    // The request path only reads: the job is queued, no rows yet.
    const before = await getSegmentSizeHistory(t.db, { workspaceId: ws, key: "sports", days: 90 });
    expect(before).toMatchObject({ status: "queued", progress: 0, series: [] });

    await runInsightJobs(t.db, ws);
    const after = await getSegmentSizeHistory(t.db, { workspaceId: ws, key: "sports", days: 90 });
    expect(after.status).toBe("ready");
    expect(after.series).toHaveLength(90);
    expect(after.series[0].day).toBe(isoDay(today - 89));
    const byDay = new Map(after.series.map((p) => [p.day, p]));
    // Profile i read from 20+i to 15+i days ago: a member from day −(20+i) through day −(6+i) (10-day window).
    expect(byDay.get(isoDay(today - 26))!.size).toBe(0);
    expect(byDay.get(isoDay(today - 25))).toEqual({ day: isoDay(today - 25), size: 1, entries: 1, exits: 0 });
    expect(byDay.get(isoDay(today - 20))!.size).toBe(6);
    expect(byDay.get(isoDay(today - 6))).toEqual({ day: isoDay(today - 6), size: 1, entries: 0, exits: 1 });
    expect(byDay.get(isoDay(today - 1))!.size).toBe(0);
    // Today is the live count; the save's own reconcile is not counted as entries.
    expect(byDay.get(isoDay(today))).toEqual({ day: isoDay(today), size: 0, entries: 0, exits: 0 });
    expect(after.weekOverWeek).toEqual({ current: 0, previous: 2, change: -2, percent: -100 });
    expect(after.computedAt).not.toBeNull();

    // Someone enters after the save: today's row counts them once the snapshot runs.
    await writeEnters(t.db, ws, [{ profileId: ids[0], segmentId: created.id }], new Date());
    await snapshotSegmentSizes(t.db, { workspaceId: ws });
    const later = await getSegmentSizeHistory(t.db, { workspaceId: ws, key: "sports", days: 7 });
    expect(later.series).toHaveLength(7);
    expect(later.series.at(-1)).toEqual({ day: isoDay(today), size: 1, entries: 1, exits: 0 });
  });

  it("recomputes the past when the rule changes, and reports failed jobs", async () => {
    await updateSegment(t.db, { workspaceId: ws, actor }, "sports", { rule: sports(3) });
    expect((await latestInsightJob(t.db, { workspaceId: ws, kind: SIZE_HISTORY_JOB, key: (await segmentId("sports"))! }))!.status).toBe("queued");
    await runInsightJobs(t.db, ws);
    const history = await getSegmentSizeHistory(t.db, { workspaceId: ws, key: "sports", days: 90 });
    // Three reads within 10 days: profile i from its third read (day −(18+i)) through day −(8+i).
    const at = (n: number) => history.series.find((p) => p.day === isoDay(today - n))!;
    expect(at(24).size).toBe(0);
    expect(at(23)).toMatchObject({ size: 1, entries: 1, exits: 0 });
    expect(at(18).size).toBe(6);
    expect(at(8)).toMatchObject({ size: 1, entries: 0, exits: 1 });
    expect(at(7).size).toBe(0);

    // A damaged stored rule cannot be evaluated: the job fails with the reason, and the read says so.
    await t.db.execute(sql`update segments set rule = '{"type":"nonsense"}'::jsonb where workspace_id = ${ws}::uuid and key = 'sports'`);
    await enqueueInsightJob(t.db, { workspaceId: ws, kind: SIZE_HISTORY_JOB, key: (await segmentId("sports"))! });
    await runInsightJobs(t.db, ws);
    const failed = await getSegmentSizeHistory(t.db, { workspaceId: ws, key: "sports", days: 90 });
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("damaged");
    expect(failed.series).toHaveLength(90);
  });

  it("queues a job that lost its process again, and joins a queued job instead of adding one", async () => {
    const id = (await segmentId("sports"))!;
    await t.db.execute(sql`update segments set rule = ${JSON.stringify(sports(1))}::jsonb where id = ${id}::uuid`);
    const a = await enqueueInsightJob(t.db, { workspaceId: ws, kind: SIZE_HISTORY_JOB, key: id });
    const b = await enqueueInsightJob(t.db, { workspaceId: ws, kind: SIZE_HISTORY_JOB, key: id });
    expect(b.id).toBe(a.id);
    await t.db.update(insightJobs).set({ status: "running", heartbeatAt: new Date(Date.now() - 5 * 60_000) }).where(eq(insightJobs.id, a.id));
    await runInsightJobs(t.db, ws);
    const [job] = await t.db.select().from(insightJobs).where(eq(insightJobs.id, a.id));
    expect(job).toMatchObject({ status: "done", progress: 1 });
    expect(job.result).toMatchObject({ method: "set", backfilledDays: 90 });
  });

  async function segmentId(key: string) {
    const [row] = await t.db.select({ id: segments.id }).from(segments).where(sql`${segments.workspaceId} = ${ws}::uuid and ${segments.key} = ${key}`);
    return row?.id;
  }
});
