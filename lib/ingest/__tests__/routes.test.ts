import { gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { workspaces } from "@/db/schema";
import { createApiKey, revokeApiKey } from "@/lib/keys/api-keys";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { eventsOf, newWorkspace, profilesOf, tableCounts } from "./helpers";

type Handler = (request: Request) => Promise<Response>;
const routes: Record<string, { POST: Handler; OPTIONS: Handler }> = {};

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
const nest = (levels: number): unknown => (levels === 0 ? "leaf" : { a: nest(levels - 1) });
const track = (extra: Record<string, unknown> = {}) => ({ type: "track", anonymousId: "v1", event: "Clicked", ...extra });

describe.each(testEngines())("ingestion routes on %s", (engine) => {
  let t: TestDb;
  let ws: string;
  let key: string;

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const request = new Request(`http://tailor.test/api/v1/${path}`, {
      method: "POST",
      body: typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
      headers: { "content-type": "application/json", authorization: basic(key), ...headers },
    });
    const response = await routes[path].POST(request);
    return { status: response.status, body: await response.json(), headers: response.headers };
  }

  beforeAll(async () => {
    t = await createTestDb(engine);
    (globalThis as { __tailorDb?: Promise<DbHandle> }).__tailorDb = Promise.resolve(t);
    // imported after the test database is installed as the process-wide one
    Object.assign(routes, {
      batch: await import("@/app/api/v1/batch/route"),
      track: await import("@/app/api/v1/track/route"),
      identify: await import("@/app/api/v1/identify/route"),
      page: await import("@/app/api/v1/page/route"),
      screen: await import("@/app/api/v1/screen/route"),
      group: await import("@/app/api/v1/group/route"),
      alias: await import("@/app/api/v1/alias/route"),
    });
    ws = await newWorkspace(t.db, "Routes");
    key = (await createApiKey(t.db, { workspaceId: ws, kind: "write" })).secret;
  });
  afterAll(async () => {
    (globalThis as { __tailorDb?: unknown }).__tailorDb = undefined;
    await t?.close();
  });

  const big = "x".repeat(33 * 1024);
  const rejected: [string, string, unknown, number, { index: number | null; path: string[] }[]][] = [
    ["invalid JSON", "batch", "{ not json", 400, []],
    ["a body that is not an object", "batch", [1, 2], 400, [{ index: null, path: [] }]],
    ["a batch that is not an array", "batch", { batch: { type: "track" } }, 400, [{ index: null, path: ["batch"] }]],
    ["an empty batch", "batch", { batch: [] }, 400, [{ index: null, path: ["batch"] }]],
    ["an unknown type", "batch", { batch: [track(), { type: "purchase", userId: "u" }] }, 400, [{ index: 1, path: ["type"] }]],
    ["a track without event", "batch", { batch: [track({ event: undefined })] }, 400, [{ index: 0, path: ["event"] }]],
    ["a message without any id", "batch", { batch: [{ type: "page" }] }, 400, [{ index: 0, path: ["userId"] }]],
    ["an alias without previousId", "batch", { batch: [{ type: "alias", userId: "u" }] }, 400, [{ index: 0, path: ["previousId"] }]],
    ["a group without groupId", "batch", { batch: [{ type: "group", userId: "u" }] }, 400, [{ index: 0, path: ["groupId"] }]],
    ["traits that are an array", "batch", { batch: [{ type: "identify", userId: "u", traits: ["a"] }] }, 400, [{ index: 0, path: ["traits"] }]],
    ["properties that are a string", "batch", { batch: [track({ properties: "x" })] }, 400, [{ index: 0, path: ["properties"] }]],
    ["context.traits that is a string", "batch", { batch: [track({ context: { traits: "x" } })] }, 400, [{ index: 0, path: ["context", "traits"] }]],
    ["properties nested 11 levels", "batch", { batch: [track({ properties: nest(11) })] }, 400, [{ index: 0, path: ["properties", ..."a".repeat(10).split("")] }]],
    ["a NUL character in a value", "batch", { batch: [track({ properties: { q: "a\u0000b" } })] }, 400, [{ index: 0, path: ["properties", "q"] }]],
    ["a NUL character in a key", "batch", { batch: [track({ properties: { "a\u0000": 1 } })] }, 400, [{ index: 0, path: ["properties", "a\u0000"] }]],
    ["an unpaired surrogate", "batch", { batch: [track({ properties: { q: "\ud800" } })] }, 400, [{ index: 0, path: ["properties", "q"] }]],
    ["a number too large for a double", "batch", '{"batch":[{"type":"track","anonymousId":"v","event":"E","properties":{"n":1e400}}]}', 400, [{ index: 0, path: ["properties", "n"] }]],
    ["a timestamp that is not ISO 8601", "batch", { batch: [track({ timestamp: "yesterday" })] }, 400, [{ index: 0, path: ["timestamp"] }]],
    ["a userId longer than 255 characters", "batch", { batch: [track({ userId: "u".repeat(256) })] }, 400, [{ index: 0, path: ["userId"] }]],
    ["a non-boolean consent", "batch", { batch: [track({ context: { consent: { categoryPreferences: { personalization: "no" } } } })] }, 400, [{ index: 0, path: ["context", "consent", "categoryPreferences", "personalization"] }]],
    ["one bad message among good ones", "batch", { batch: [track(), track(), track({ event: 42 }), track({ anonymousId: {} })] }, 400, [{ index: 2, path: ["event"] }, { index: 3, path: ["anonymousId"] }]],
    ["a message over 32 KB", "batch", { batch: [track(), track({ properties: { big } })] }, 413, [{ index: 1, path: [] }]],
    ["a batch over 500 KB", "batch", { batch: Array.from({ length: 20 }, () => track({ properties: { s: "y".repeat(30 * 1024) } })) }, 413, []],
    ["a single message over 32 KB", "track", track({ properties: { big } }), 413, []],
    ["a message of another type on /track", "track", { type: "identify", userId: "u" }, 400, [{ index: 0, path: ["type"] }]],
  ];

  it.each(rejected)("rejects %s and stores nothing", async (_name, path, body, status, details) => {
    const before = await tableCounts(t.db);
    const response = await post(path, body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(status === 413 ? "payload_too_large" : "bad_request");
    expect(response.body.error.message).toMatch(/\w/);
    if (details.length) expect(response.body.error.details).toEqual(details.map((d) => expect.objectContaining(d)));
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it("accepts nesting of exactly 10 levels", async () => {
    expect((await post("batch", { batch: [track({ properties: { a: nest(9) } })] })).status).toBe(200);
  });

  it("authenticates with Basic auth or a writeKey in the body, and refuses bad keys with 401", async () => {
    const wsB = await newWorkspace(t.db, "Auth");
    const good = await createApiKey(t.db, { workspaceId: wsB, kind: "write" });
    const admin = await createApiKey(t.db, { workspaceId: wsB, kind: "admin" });
    const revoked = await createApiKey(t.db, { workspaceId: wsB, kind: "write" });
    await revokeApiKey(t.db, wsB, revoked.id);
    const before = await tableCounts(t.db);
    for (const authorization of ["", basic("tw_nope"), basic(admin.secret), basic(revoked.secret), `Bearer ${good.secret}`]) {
      const response = await post("track", track(), { authorization });
      expect(response.status, authorization).toBe(401);
      expect(response.body.error).toMatchObject({ code: "unauthorized" });
    }
    expect(await tableCounts(t.db)).toEqual(before);
    expect(await post("track", track(), { authorization: basic(good.secret) })).toMatchObject({ status: 200, body: { success: true } });
    expect((await post("batch", { batch: [track()], writeKey: good.secret }, { authorization: "" })).status).toBe(200);
    expect(await eventsOf(t.db, wsB)).toHaveLength(2);
  });

  it("answers CORS preflights and enforces the workspace's allowed origins", async () => {
    const preflight = await routes.batch.OPTIONS(new Request("http://tailor.test/api/v1/batch", { method: "OPTIONS", headers: { origin: "https://shop.test" } }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://shop.test");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("Authorization, Content-Type");

    const open = await post("track", track(), { origin: "https://anywhere.test" });
    expect(open.status).toBe(200);
    expect(open.headers.get("access-control-allow-origin")).toBe("https://anywhere.test");

    const wsC = await newWorkspace(t.db, "Cors");
    await t.db.update(workspaces).set({ allowedOrigins: ["https://shop.test"] }).where(eq(workspaces.id, wsC));
    const auth = basic((await createApiKey(t.db, { workspaceId: wsC, kind: "write" })).secret);
    expect((await post("track", track(), { authorization: auth, origin: "https://shop.test/" })).status).toBe(200);
    const denied = await post("track", track(), { authorization: auth, origin: "https://evil.test" });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("forbidden");
    expect((await post("track", track(), { authorization: auth })).status).toBe(200); // server-side call: no Origin
    expect(await eventsOf(t.db, wsC)).toHaveLength(2);
  });

  it("stores every single-message endpoint, a gzip body and the edge country header", async () => {
    const wsD = await newWorkspace(t.db, "Single");
    const auth = basic((await createApiKey(t.db, { workspaceId: wsD, kind: "write" })).secret);
    const calls: [string, Record<string, unknown>][] = [
      ["track", { anonymousId: "s1", event: "Bought" }],
      ["identify", { anonymousId: "s1", traits: { plan: "pro" } }],
      ["page", { anonymousId: "s1", name: "Home" }],
      ["screen", { anonymousId: "s1", name: "Cart" }],
      ["group", { anonymousId: "s1", groupId: "g" }],
      ["alias", { previousId: "s1", userId: "u-s1" }],
    ];
    for (const [path, body] of calls) expect((await post(path, body, { authorization: auth, "cf-ipcountry": "ch" })).status, path).toBe(200);
    const gz = gzipSync(JSON.stringify({ batch: [{ type: "track", userId: "u-s1", event: "Zipped" }] }));
    expect((await post("batch", new Uint8Array(gz), { authorization: auth, "content-encoding": "gzip" })).status).toBe(200);
    expect((await eventsOf(t.db, wsD)).map((e) => e.event)).toEqual(["Bought", "Identify", "Page Viewed", "Screen Viewed", "Group", "Alias", "Zipped"]);
    expect(await profilesOf(t.db, wsD)).toMatchObject([{ user_id: "u-s1", anonymous_ids: ["s1"], traits: { plan: "pro" }, context: { country: "CH" } }]);
  });
});
