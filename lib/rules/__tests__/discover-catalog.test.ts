/** discoverCatalog: types, nested keys, examples and event properties from a workspace's data only. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, profiles, workspaces } from "@/db/schema";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import type { Catalog } from "../catalog";
import { discoverCatalog } from "../discover-catalog";
import { BUILTIN_FIELDS } from "../fields";
import { parse } from "../parse";

async function workspace(t: TestDb): Promise<string> {
  const [ws] = await t.db.insert(workspaces).values({ slug: `cat-${randomUUID()}`, name: "catalog" }).returning();
  return ws.id;
}

describe.each(testEngines())("discoverCatalog on %s", (engine) => {
  let t: TestDb;
  let catalog: Catalog;
  let emptyCatalog: Catalog;
  beforeAll(async () => {
    t = await createTestDb(engine);
    const ws = await workspace(t);
    const other = await workspace(t);
    const traits = [
      { plan: "pro", age: 31, vip: true, signup_at: "2025-01-02T10:00:00Z", tags: ["sports", "music"], address: { city: "Berlin" }, zip: "10115", "a.b": 1, gone: null },
      { plan: "pro", age: 40, vip: false, signup_at: "2025-02-03", tags: ["sports"], address: { city: "Paris" }, zip: "75001" },
      { plan: "free", age: 22.5, signup_at: "2025-03-04 08:00", tags: [], zip: 12345 },
    ];
    await t.db.insert(profiles).values([
      ...traits.map((tr) => ({ workspaceId: ws, id: randomUUID(), traits: tr, context: { country: "US", utm_source: "google" } })),
      { workspaceId: other, id: randomUUID(), traits: { secret: "x" } },
    ]);
    const pid = randomUUID();
    const event = (workspaceId: string, name: string, properties: Record<string, unknown>) => ({
      workspaceId, profileId: pid, messageId: randomUUID(), type: "track", event: name, properties, timestamp: new Date(),
    });
    await t.db.insert(events).values([
      event(ws, "Page Viewed", { category: "sports", duration: 12, page: { section: "home" } }),
      event(ws, "Page Viewed", { category: "sports", duration: 3 }),
      event(ws, "Page Viewed", { category: "news" }),
      event(ws, "Order Completed", { revenue: 19.99, items: ["sku-1"], currency: "EUR" }),
      event(other, "Secret Event", { x: 1 }),
    ]);
    catalog = await discoverCatalog(t.db, ws);
    emptyCatalog = await discoverCatalog(t.db, await workspace(t));
  });
  afterAll(async () => t?.close());

  const field = (name: string) => catalog.fields.find((f) => f.field === name);

  it("types trait keys by their dominant JSON type, dates included", () => {
    expect(field("traits.plan")).toEqual({ field: "traits.plan", type: "string", examples: ["pro", "free"] });
    expect(field("traits.age")).toMatchObject({ type: "number", examples: expect.arrayContaining([31, 40, 22.5]) });
    expect(field("traits.vip")?.type).toBe("boolean");
    expect(field("traits.signup_at")?.type).toBe("date");
    expect(field("traits.zip")?.type).toBe("string");
  });

  it("offers list element examples and one level of nested keys", () => {
    expect(field("traits.tags")).toEqual({ field: "traits.tags", type: "list", examples: ["sports", "music"] });
    expect(field("traits.address.city")).toMatchObject({ type: "string", examples: ["Berlin", "Paris"] });
    expect(field("traits.address")).toBeUndefined();
  });

  it("leaves out keys it cannot address or type, and other workspaces' data", () => {
    expect(field("traits.a.b")).toBeUndefined();
    expect(field("traits.gone")).toBeUndefined();
    expect(field("traits.secret")).toBeUndefined();
    expect(catalog.events.map((e) => e.event)).toEqual(["Order Completed", "Page Viewed"]);
  });

  it("describes event properties", () => {
    const page = catalog.events.find((e) => e.event === "Page Viewed")!;
    expect(page.properties).toEqual([
      { property: "category", type: "string", examples: ["sports", "news"] },
      { property: "duration", type: "number", examples: [3, 12] },
      { property: "page.section", type: "string", examples: ["home"] },
    ]);
    const order = catalog.events.find((e) => e.event === "Order Completed")!;
    expect(order.properties.map((p) => [p.property, p.type])).toEqual([["currency", "string"], ["items", "list"], ["revenue", "number"]]);
  });

  it("always includes built-in fields and the standard context keys", () => {
    expect(catalog.fields.slice(0, BUILTIN_FIELDS.length)).toEqual(BUILTIN_FIELDS);
    expect(field("context.country")).toEqual({ field: "context.country", type: "string", examples: ["US"] });
    expect(emptyCatalog.events).toEqual([]);
    expect(emptyCatalog.fields.map((f) => f.field)).toContain("context.utm_campaign");
  });

  it("is what parse checks rules against", () => {
    const ok = parse({ type: "event", event: "Order Completed", measure: { kind: "sum", property: "revenue" }, comparison: { op: "at_least", value: 10 } }, catalog);
    expect(ok.ok).toBe(true);
    const bad = parse({ type: "trait", field: "traits.plan", operator: "gt", value: 1 }, catalog);
    expect(bad.ok).toBe(false);
  });
});
