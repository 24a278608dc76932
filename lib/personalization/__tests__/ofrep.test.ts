/**
 * The official OpenFeature OFREP providers against Tailor's /ofrep/v1 routes, served by an
 * in-process HTTP server that adapts Node requests to the route handlers (no Next server needed).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { OFREPWebProvider } from "@openfeature/ofrep-web-provider";
import { OpenFeature } from "@openfeature/server-sdk";
import { OpenFeature as WebOpenFeature } from "@openfeature/web-sdk";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DbHandle } from "@/db/client";
import { createApiKey } from "@/lib/keys/api-keys";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { flushImpressions } from "../record-impressions";
import { liveExperience, seedWorkspace, variant } from "./helpers";

type Global = { __tailorDb?: Promise<DbHandle> };

describe.each(testEngines())("OFREP over HTTP on %s", (engine) => {
  let t: TestDb;
  let server: http.Server;
  let base: string;
  let key: string;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    (globalThis as Global).__tailorDb = Promise.resolve(t);
    ws = await seedWorkspace(t.db);
    await t.db.execute(sql`update workspaces set allowed_origins = array['https://shop.example'] where id = ${ws}::uuid`);
    key = (await createApiKey(t.db, { workspaceId: ws, kind: "client" })).secret;
    await liveExperience(t.db, ws, {
      key: "hero",
      rules: [{ id: "vips", audience: { segments: ["vip"] }, variant: "vip" }],
      variants: { vip: variant("Hi {{ traits.first_name }}"), generic: variant("Hello") },
      defaultVariant: "generic",
    });
    const single = await import("@/app/ofrep/v1/evaluate/flags/[key]/route");
    const bulk = await import("@/app/ofrep/v1/evaluate/flags/route");
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? "/", base);
      const request = new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body: req.method === "POST" ? Buffer.concat(chunks) : undefined });
      const match = /^\/ofrep\/v1\/evaluate\/flags(?:\/([^/]+))?$/.exec(url.pathname);
      let response: Response;
      if (!match) response = new Response("not found", { status: 404 });
      else if (req.method === "OPTIONS") response = match[1] ? single.OPTIONS(request) : bulk.OPTIONS(request);
      else response = match[1] ? await single.POST(request, { params: Promise.resolve({ key: decodeURIComponent(match[1]) }) }) : await bulk.POST(request);
      res.writeHead(response.status, Object.fromEntries(response.headers.entries())).end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await OpenFeature.setProviderAndWait(new OFREPProvider({ baseUrl: base, headers: [["Authorization", `Bearer ${key}`]] }));
  });
  afterAll(async () => {
    await OpenFeature.close();
    await new Promise((resolve) => server?.close(resolve));
    await flushImpressions();
    (globalThis as Global).__tailorDb = undefined;
    await t?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/ofrep/v1/evaluate/flags${path}`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}`, ...headers }, body: JSON.stringify(body) });

  it("the server provider gets the rendered variant and reason", async () => {
    const client = OpenFeature.getClient();
    const vip = await client.getObjectDetails("home-hero", {}, { targetingKey: "u-vip" });
    expect(vip).toMatchObject({ value: { headline: "Hi &lt;Ann&gt;" }, variant: "vip", reason: "TARGETING_MATCH", flagMetadata: { experience: "hero", rule: "vips", segment: "vip" } });
    const other = await client.getObjectDetails("home-hero", {}, { targetingKey: "u-free" });
    expect(other).toMatchObject({ value: { headline: "Hello" }, variant: "generic", reason: "DEFAULT" });
    const missing = await client.getObjectDetails("no-such-slot", { fallback: true }, { targetingKey: "u-free" });
    expect(missing).toMatchObject({ value: { fallback: true }, errorCode: "FLAG_NOT_FOUND" });
    await flushImpressions();
    const rows = await t.db.execute(sql`select variant from impressions where workspace_id = ${ws}::uuid order by id`);
    expect(JSON.stringify(rows)).toMatch(/vip.*generic/);
  });

  it("speaks OFREP errors: 401 without a key, 400 without targetingKey, 403 for a foreign origin, CORS for allowed ones", async () => {
    expect((await fetch(`${base}/ofrep/v1/evaluate/flags/home-hero`, { method: "POST", body: "{}" })).status).toBe(401);
    expect((await post("/home-hero", { context: {} }, { Authorization: "Bearer tc_forged" })).status).toBe(401);
    const noKey = await post("/home-hero", { context: {} });
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ key: "home-hero", errorCode: "TARGETING_KEY_MISSING" });
    const bad = await fetch(`${base}/ofrep/v1/evaluate/flags/home-hero`, { method: "POST", headers: { Authorization: `Bearer ${key}` }, body: "{not json" });
    expect(await bad.json()).toMatchObject({ errorCode: "PARSE_ERROR" });
    expect((await post("/home-hero", { context: { targetingKey: "x" } }, { Origin: "https://evil.example" })).status).toBe(403);
    const ok = await post("/home-hero", { context: { targetingKey: "x" } }, { Origin: "https://shop.example" });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    const pre = await fetch(`${base}/ofrep/v1/evaluate/flags`, { method: "OPTIONS", headers: { Origin: "https://shop.example", "Access-Control-Request-Method": "POST" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
  });

  it("bulk evaluation carries an ETag and answers If-None-Match with 304", async () => {
    const first = await post("", { context: { targetingKey: "u-vip" } });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ flags: [expect.objectContaining({ key: "home-hero", variant: "vip", reason: "TARGETING_MATCH" })] });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect((await post("", { context: { targetingKey: "u-vip" } }, { "If-None-Match": etag })).status).toBe(304);
    expect((await post("", { context: { targetingKey: "u-free" } }, { "If-None-Match": etag })).status).toBe(200);
  });

  it("the web provider evaluates from the bulk endpoint", async () => {
    await WebOpenFeature.setContext({ targetingKey: "u-vip" });
    await WebOpenFeature.setProviderAndWait(new OFREPWebProvider({ baseUrl: base, headers: [["Authorization", `Bearer ${key}`]], pollInterval: 0 }));
    const details = WebOpenFeature.getClient().getObjectDetails("home-hero", {});
    expect(details).toMatchObject({ value: { headline: "Hi &lt;Ann&gt;" }, variant: "vip", reason: "TARGETING_MATCH" });
    await WebOpenFeature.close();
  });

  it("serves the default with reason ERROR when the database fails or hangs, never a 5xx", async () => {
    const client = OpenFeature.getClient();
    await client.getObjectDetails("home-hero", {}, { targetingKey: "u-vip" }); // warm caches
    const fail = () => {
      throw new Error("connection refused");
    };
    const hang = () => new Promise(() => {});
    // Decisions also talk to the driver directly (prepared statements): break it there too.
    const broken = new Proxy(t.db, { get: (target, prop) => (prop === "$client" ? { unsafe: fail, query: fail } : ["execute", "select", "insert", "update", "transaction"].includes(String(prop)) ? fail : Reflect.get(target, prop)) }) as Database;
    const hanging = new Proxy(t.db, { get: (target, prop) => (prop === "$client" ? { unsafe: hang, query: hang } : ["execute", "select", "insert"].includes(String(prop)) ? hang : Reflect.get(target, prop)) }) as Database;
    try {
      for (const db of [broken, hanging]) {
        (globalThis as Global).__tailorDb = Promise.resolve({ ...t, db });
        const started = Date.now();
        const response = await post("/home-hero", { context: { targetingKey: "u-vip" } });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ key: "home-hero", value: { headline: "Hello" }, variant: "generic", reason: "ERROR", errorCode: "GENERAL" });
        expect(Date.now() - started).toBeLessThan(2_000);
        const details = await client.getObjectDetails("home-hero", {}, { targetingKey: "u-vip" });
        expect(details).toMatchObject({ value: { headline: "Hello" }, reason: "ERROR" });
      }
    } finally {
      (globalThis as Global).__tailorDb = Promise.resolve(t);
    }
  });
});
