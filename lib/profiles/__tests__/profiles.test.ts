import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { ingest, newWorkspace } from "@/lib/ingest/__tests__/helpers";
import { createApiKey } from "@/lib/keys/api-keys";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
let profileRoute: { GET: Handler; DELETE: Handler };
let eventsRoute: { GET: Handler };
let listRoute: { GET: (request: Request, context: unknown) => Promise<Response> };

describe.each(testEngines())("profiles API on %s", (engine) => {
  let t: TestDb;
  let ws: string;
  let other: string;
  let admin: string;

  async function call(method: "GET" | "DELETE", path: string, id?: string, key = admin) {
    const request = new Request(`http://tailor.test/api/v1/${path}`, { method, headers: { authorization: `Bearer ${key}` } });
    const params = { params: Promise.resolve({ id: id ?? "" }) };
    const response = path.startsWith("profiles?") || path === "profiles"
      ? await listRoute.GET(request, {})
      : path.endsWith("/events") || path.includes("/events?")
        ? await eventsRoute.GET(request, params)
        : await profileRoute[method](request, params);
    return { status: response.status, body: await response.json() };
  }

  beforeAll(async () => {
    t = await createTestDb(engine);
    (globalThis as { __tailorDb?: Promise<DbHandle> }).__tailorDb = Promise.resolve(t);
    profileRoute = await import("@/app/api/v1/profiles/[id]/route");
    eventsRoute = await import("@/app/api/v1/profiles/[id]/events/route");
    listRoute = await import("@/app/api/v1/profiles/route");
    ws = await newWorkspace(t.db, "Profiles");
    other = await newWorkspace(t.db, "Other");
    admin = (await createApiKey(t.db, { workspaceId: ws, kind: "admin" })).secret;
    const at = (m: number) => new Date(Date.UTC(2024, 4, 1, 12, m)).toISOString();
    await ingest(t.db, ws, [
      { type: "identify", userId: "ann", anonymousId: "ann-phone", traits: { email: "ann@x.test", city: "Zürich", discount: "50%" }, timestamp: at(0) },
      ...Array.from({ length: 7 }, (_, i) => ({ type: "track", userId: "ann", event: i % 2 ? "Odd" : "Even", timestamp: at(i < 4 ? 1 : 2) })),
      { type: "identify", userId: "bob_1", traits: { email: "bob@y.test", city: "Basel" }, timestamp: at(3) },
      { type: "identify", userId: "bobX1", traits: { email: "bobx@y.test" }, timestamp: at(4) },
    ]);
    await ingest(t.db, other, [{ type: "identify", userId: "ann", traits: { email: "ann@other.test" } }]);
  });
  afterAll(async () => {
    (globalThis as { __tailorDb?: unknown }).__tailorDb = undefined;
    await t?.close();
  });

  it("finds a profile by userId, anonymousId and uuid, and never one of another workspace", async () => {
    const byUser = await call("GET", "profiles/ann", "ann");
    expect(byUser.status).toBe(200);
    expect(byUser.body).toMatchObject({ userId: "ann", anonymousIds: ["ann-phone"], traits: { email: "ann@x.test" }, eventCount: 8, segments: [] });
    expect((await call("GET", "profiles/ann-phone", "ann-phone")).body.id).toBe(byUser.body.id);
    expect((await call("GET", `profiles/${byUser.body.id}`, byUser.body.id)).body.userId).toBe("ann");
    const [foreign] = await queryRows<{ id: string }>(t.db, sql`select id from profiles where workspace_id = ${other}::uuid`);
    for (const id of [foreign.id, "nobody", "'; drop table profiles; --"]) {
      expect((await call("GET", `profiles/${id}`, id)).status).toBe(404);
      expect((await call("GET", `profiles/${id}/events`, id)).status).toBe(404);
      expect((await call("DELETE", `profiles/${id}`, id)).status).toBe(404);
    }
  });

  it("pages through events newest first without gaps or repeats, also with equal timestamps", async () => {
    const seen: string[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const response: { status: number; body: { data: { id: string; timestamp: string }[]; nextCursor: string | null } } = await call("GET", `profiles/ann/events?limit=3${cursor ? `&cursor=${cursor}` : ""}`, "ann");
      expect(response.status).toBe(200);
      seen.push(...response.body.data.map((e) => e.id));
      cursor = response.body.nextCursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(8);
    const all = (await call("GET", "profiles/ann/events?limit=200", "ann")).body.data as { id: string; timestamp: string }[];
    expect(all.map((e) => e.id)).toEqual(seen);
    expect(all.map((e) => e.timestamp)).toEqual([...all.map((e) => e.timestamp)].sort().reverse());
    const odd = await call("GET", "profiles/ann/events?event=Odd", "ann");
    expect(odd.body.data.map((e: { event: string }) => e.event)).toEqual(["Odd", "Odd", "Odd"]);
    expect((await call("GET", "profiles/ann/events?cursor=garbage", "ann")).status).toBe(400);
    expect((await call("GET", "profiles/ann/events?limit=1000", "ann")).status).toBe(422);
  });

  it.each([
    ["ann@x", ["ann"]],
    ["ZÜRICH", ["ann"]],
    ["ann-phone", ["ann"]],
    ["50%", ["ann"]],
    ["%", ["ann"]], // her discount is "50%"
    ["5_%", []],
    ["bob_1", ["bob_1"]],
    ["_", ["bob_1"]],
    ["y.test", ["bobX1", "bob_1"]],
    ["'; drop table profiles; --", []],
    ["<script>", []],
  ])("searches %j with LIKE wildcards taken literally", async (q, users) => {
    const response = await call("GET", `profiles?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    expect(response.body.data.map((p: { userId: string }) => p.userId)).toEqual(users);
  });

  it("pages through search results by last seen", async () => {
    const first = await call("GET", "profiles?limit=2");
    expect(first.body.data.map((p: { userId: string }) => p.userId)).toEqual(["bobX1", "bob_1"]);
    const second = await call("GET", `profiles?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ data: [{ userId: "ann" }], nextCursor: null });
  });

  it("deletes a person with everything about them, and audits only ids and counts", async () => {
    const bob = (await call("GET", "profiles/bob_1", "bob_1")).body;
    const response = await call("DELETE", "profiles/bob_1", "bob_1");
    expect(response).toMatchObject({ status: 200, body: { deleted: { profileId: bob.id, events: 1, identities: 1, rollups: 1 } } });
    const left = await queryRows<{ n: number }>(
      t.db,
      sql`select (select count(*) from events where profile_id = ${bob.id}::uuid) + (select count(*) from event_rollups where profile_id = ${bob.id}::uuid)
          + (select count(*) from identities where profile_id = ${bob.id}::uuid) + (select count(*) from profiles where id = ${bob.id}::uuid) as n`,
    );
    expect(Number(left[0].n)).toBe(0);
    const audit = await queryRows(t.db, sql`select * from audit_entries where workspace_id = ${ws}::uuid and action = 'profile.deleted'`);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toMatch(/bob|y\.test|Basel/);
    expect((await call("GET", "profiles/bob_1", "bob_1")).status).toBe(404);
  });

  it("refuses callers without credentials", async () => {
    expect((await call("GET", "profiles/ann", "ann", "ta_wrong")).status).toBe(401);
  });
});
