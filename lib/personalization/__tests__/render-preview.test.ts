import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { newWorkspace } from "@/lib/ingest/__tests__/helpers";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { renderPreview, renderPreviewSchema } from "../render-preview";
import { seedWorkspace } from "./helpers";

const NOW = new Date("2025-03-02T12:00:00.000Z");

describe.each(testEngines())("render preview on %s", (engine) => {
  let t: TestDb;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await seedWorkspace(t.db);
  });
  afterAll(async () => t?.close());

  const preview = (content: Record<string, unknown>, targetingKey: string | null = null, context: Record<string, unknown> = {}) =>
    renderPreview(t.db, ws, renderPreviewSchema.parse({ slot: "home-hero", content, targetingKey, context }), NOW);

  const template = 'Hi {{ traits.first_name | default: "there" }}, off to {{ events.last["Flight Searched"].destination | default: "somewhere" }}?';

  it("renders merge tags with the visitor's traits and last event, escaped, by user or anonymous id", async () => {
    for (const key of ["u-vip", "a-vip"]) {
      const result = await preview({ headline: template }, key);
      expect(result.errors).toEqual([]);
      expect(result.values).toEqual({ headline: "Hi &lt;Ann&gt;, off to Hanoi?" });
      expect(result.visitor).toMatchObject({ targetingKey: key, found: true, userId: "u-vip", personalizationOptOut: false });
    }
  });

  it("renders the defaults for an anonymous or unknown visitor", async () => {
    for (const key of [null, "", "never-seen"]) {
      const result = await preview({ headline: template }, key);
      expect(result.values).toEqual({ headline: "Hi there, off to somewhere?" });
      expect(result.visitor.found).toBe(false);
    }
  });

  it("uses request-time context like a decision does", async () => {
    const result = await preview({ headline: "From {{ context.utm_campaign }}" }, "u-free", { utm_campaign: "summer" });
    expect(result.values).toEqual({ headline: "From summer" });
  });

  it("sanitizes rich text and keeps literal links", async () => {
    const result = await preview({ headline: "x", body: '<p onclick="x()">Hi {{ traits.first_name }}</p><script>alert(1)</script>', cta: "https://example.test/go" }, "u-pro");
    expect(result.values).toEqual({ headline: "x", body: "<p>Hi Bo</p>", cta: "https://example.test/go" });
  });

  it("reports each bad field with its path and still renders the good ones", async () => {
    const result = await preview({ headline: "", body: "{% assign x = 1 %}{{ x }}", cta: "javascript:alert(1)", image: "https://img.test/a.png", nope: "?" }, "u-pro");
    const byField = Object.fromEntries(result.errors.map((e) => [e.path.join("."), e.message]));
    expect(Object.keys(byField).sort()).toEqual(["content.body", "content.cta", "content.headline", "content.nope"]);
    expect(byField["content.headline"]).toMatch(/required/);
    expect(byField["content.body"]).toMatch(/Merge tags are not valid.*assign/);
    expect(byField["content.cta"]).toMatch(/http/);
    expect(byField["content.nope"]).toMatch(/no field "nope"/);
    expect(result.values).toEqual({ image: "https://img.test/a.png" });
  });

  it("does not read another workspace's slots or visitors", async () => {
    const other = await newWorkspace(t.db, "Other");
    await expect(renderPreview(t.db, other, renderPreviewSchema.parse({ slot: "home-hero", content: {} }), NOW)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
  });
});
