/**
 * The official Segment Node client against Tailor's /api/v1/batch route, served by an in-process
 * HTTP server that adapts Node requests to the route handler (no Next server needed). A switch in
 * the server injects the failures Segment clients retry on.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Analytics } from "@segment/analytics-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createApiKey } from "@/lib/keys/api-keys";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { eventsOf, newWorkspace, profilesOf, rollupsVsEvents } from "./helpers";

type Fault = "none" | "lose-response" | "unavailable" | "rate-limited";

describe.each(testEngines())("@segment/analytics-node against /api/v1/batch on %s", (engine) => {
  let t: TestDb;
  let server: http.Server;
  let host: string;
  const faults: Fault[] = [];
  const statuses: number[] = [];

  beforeAll(async () => {
    t = await createTestDb(engine);
    (globalThis as { __tailorDb?: Promise<DbHandle> }).__tailorDb = Promise.resolve(t);
    const { POST } = await import("@/app/api/v1/batch/route");
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const fault = faults.shift() ?? "none";
      let status = 503;
      let body = JSON.stringify({ error: { code: "unavailable", message: "injected" } });
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (fault === "rate-limited") {
        status = 429;
        headers["retry-after"] = "0";
      } else if (fault !== "unavailable") {
        const request = new Request(`${host}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
        const response = await POST(request);
        // "lose-response": the batch was stored but the client sees a 500, as when a proxy times out
        status = fault === "lose-response" ? 500 : response.status;
        body = fault === "lose-response" ? body : await response.text();
      }
      statuses.push(status);
      res.writeHead(status, headers).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    (globalThis as { __tailorDb?: unknown }).__tailorDb = undefined;
    await t?.close();
  });

  async function client(workspaceId: string) {
    const { secret } = await createApiKey(t.db, { workspaceId, kind: "write" });
    return new Analytics({ writeKey: secret, host, path: "/api/v1/batch", flushAt: 3, flushInterval: 50, maxRetries: 3 });
  }

  it("accepts what the client sends: track, identify, page, screen, group, alias", async () => {
    const ws = await newWorkspace(t.db, "Node client");
    const analytics = await client(ws);
    analytics.track({ anonymousId: "n-anon", event: "Product Viewed", properties: { category: "Shoes", revenue: 20 } });
    analytics.page({ anonymousId: "n-anon", name: "Home", category: "Landing" });
    analytics.identify({ userId: "n-user", anonymousId: "n-anon", traits: { email: "n@x.test" } });
    analytics.screen({ userId: "n-user", name: "Cart" });
    analytics.group({ userId: "n-user", groupId: "acme", traits: { plan: "team" } });
    analytics.alias({ previousId: "n-anon-2", userId: "n-user" });
    await analytics.closeAndFlush({ timeout: 10_000 });

    // sorted: the client stamps several calls with the same millisecond
    expect((await eventsOf(t.db, ws)).map((e) => e.event).sort()).toEqual(["Alias", "Group", "Identify", "Page Viewed", "Product Viewed", "Screen Viewed"]);
    expect(await profilesOf(t.db, ws)).toMatchObject([{ user_id: "n-user", anonymous_ids: ["n-anon", "n-anon-2"], traits: { email: "n@x.test" } }]);
  });

  it("does not double count when the client retries after a lost response, a 503 or a 429", async () => {
    const ws = await newWorkspace(t.db, "Retries");
    const analytics = await client(ws);
    faults.push("lose-response", "unavailable", "rate-limited");
    statuses.length = 0;
    for (let i = 0; i < 3; i++) analytics.track({ userId: "r-user", event: "Flight Booked", properties: { destination: "Rome", revenue: 100 } });
    await analytics.closeAndFlush({ timeout: 20_000 });

    expect(statuses).toEqual([500, 503, 429, 200]);
    const events = await eventsOf(t.db, ws);
    expect(events).toHaveLength(3);
    const { stored, computed } = await rollupsVsEvents(t.db, ws);
    expect(stored).toEqual(computed);
    expect(stored).toContainEqual(expect.objectContaining({ event: "Flight Booked", dim_key: "", count: 3, revenue: 300 }));
  });
});
