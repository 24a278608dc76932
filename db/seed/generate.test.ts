import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { COUNTRIES } from "./catalog-people";
import { generateChunks, type GenerateOptions } from "./generate";
import { DEMO_PERSONAS } from "./personas";
import { DAY, type SeedChunk, type SeedEventRow, type SeedProfile } from "./types";

const NOW = new Date("2026-03-18T12:00:00Z");
const BASE: GenerateOptions = { workspaceId: "9d7c1f4e-0000-4000-8000-000000000001", profiles: 1500, days: 120, seed: 42, now: NOW };

function collect(options: GenerateOptions) {
  const chunks = [...generateChunks(options)];
  return { profiles: chunks.flatMap((c) => c.profiles), events: chunks.flatMap((c) => c.events), chunks };
}

function digest(chunks: SeedChunk[]): string {
  const hash = createHash("sha256");
  for (const c of chunks) hash.update(JSON.stringify(c));
  return hash.digest("hex");
}

const data = collect(BASE);
const eventsByProfile = new Map<string, SeedEventRow[]>();
for (const e of data.events) eventsByProfile.set(e.profileId, [...(eventsByProfile.get(e.profileId) ?? []), e]);
const eventsOf = (p: SeedProfile) => eventsByProfile.get(p.id) ?? [];
const byUser = (userId: string) => data.profiles.find((p) => p.userId === userId)!;
const known = data.profiles.filter((p) => p.userId);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

describe("generateChunks", () => {
  it("is deterministic for the same options and independent of chunk size", () => {
    const again = collect({ ...BASE, profiles: 400 });
    const rechunked = collect({ ...BASE, profiles: 400, chunkSize: 37 });
    expect(digest(again.chunks)).toBe(digest(collect({ ...BASE, profiles: 400 }).chunks));
    expect(JSON.stringify(rechunked.events)).toBe(JSON.stringify(again.events));
    expect(JSON.stringify(rechunked.profiles)).toBe(JSON.stringify(again.profiles));
  });

  it("differs for another seed, and gives another workspace other profile ids", () => {
    const other = collect({ ...BASE, profiles: 400, seed: 43 });
    expect(digest(other.chunks)).not.toBe(digest(collect({ ...BASE, profiles: 400 }).chunks));
    const elsewhere = collect({ ...BASE, profiles: 50, workspaceId: "9d7c1f4e-0000-4000-8000-000000000002" });
    expect(elsewhere.profiles.map((p) => p.id)).not.toContain(data.profiles[0].id);
    expect(elsewhere.events.map((e) => e.messageId)).toEqual(data.events.slice(0, elsewhere.events.length).map((e) => e.messageId));
  });

  it("keeps every event inside the window, in order, with unique message ids", () => {
    const start = NOW.getTime() - 120 * DAY;
    expect(data.events.every((e) => e.ts >= start && e.ts <= NOW.getTime())).toBe(true);
    expect(new Set(data.events.map((e) => e.messageId)).size).toBe(data.events.length);
    for (const p of data.profiles) {
      const ts = eventsOf(p).map((e) => e.ts);
      expect(ts).toEqual([...ts].sort((a, b) => a - b));
      if (ts.length) expect([p.firstSeenAt <= ts[0], p.lastSeenAt === ts[ts.length - 1]]).toEqual([true, true]);
    }
  });

  it("averages about 25 events per profile with a heavy tail", () => {
    const counts = data.profiles.map((p) => eventsOf(p).length).sort((a, b) => a - b);
    expect(data.events.length / data.profiles.length).toBeGreaterThan(18);
    expect(data.events.length / data.profiles.length).toBeLessThan(32);
    expect(counts[counts.length - 1]).toBeGreaterThan(8 * counts[Math.floor(counts.length / 2)]);
  });

  it("draws consistent traits: about 35% anonymous, cities within their country, ~3% opted out", () => {
    const anonymous = data.profiles.filter((p) => !p.userId);
    expect(anonymous.length / data.profiles.length).toBeGreaterThan(0.3);
    expect(anonymous.length / data.profiles.length).toBeLessThan(0.4);
    expect(anonymous.every((p) => Object.keys(p.traits).length === 0 && p.anonymousIds.length >= 1)).toBe(true);
    for (const p of known) {
      const country = COUNTRIES.find((c) => c.code === p.traits.country)!;
      expect(country.cities.map(([city]) => city)).toContain(p.traits.city);
      expect(p.traits.email).toMatch(/^[a-z0-9.]+@example\.(com|org|net)$/);
      expect(["<25k", "25-50k", "50-100k", "100-200k", "200k+"]).toContain(p.traits.income_band);
      expect(p.userId).toMatch(/^user_\d{6}$/);
    }
    const optedOut = data.profiles.filter((p) => p.consent.personalization === false).length / data.profiles.length;
    expect(optedOut).toBeGreaterThan(0.01);
    expect(optedOut).toBeLessThan(0.06);
  });

  it("shows weekly seasonality and growth", () => {
    const start = NOW.getTime() - 120 * DAY;
    const firstMonth = data.events.filter((e) => e.ts < start + 30 * DAY && e.type !== "identify").length;
    const lastMonth = data.events.filter((e) => e.ts >= NOW.getTime() - 30 * DAY && e.type !== "identify").length;
    expect(lastMonth).toBeGreaterThan(firstMonth * 1.15);
    const perDay = new Array(7).fill(0);
    for (const e of data.events) perDay[new Date(e.ts).getUTCDay()]++;
    expect(mean([perDay[0], perDay[6]])).toBeLessThan(mean(perDay.slice(1, 6)) * 0.95);
  });

  it("shows affluent people mutual funds more than others", () => {
    const fundShare = (ps: SeedProfile[]) => {
      const views = ps.flatMap((p) => eventsOf(p)).filter((e) => e.event === "Product Viewed" && e.properties.product_type);
      return views.filter((e) => e.properties.product_type === "mutual_fund").length / Math.max(1, views.length);
    };
    const affluent = known.filter((p) => ["100-200k", "200k+"].includes(p.traits.income_band as string));
    const modest = known.filter((p) => ["<25k", "25-50k"].includes(p.traits.income_band as string));
    expect(fundShare(affluent)).toBeGreaterThan(2 * fundShare(modest));
  });

  it("never searches a destination again after booking it", () => {
    for (const p of data.profiles) {
      const booked = new Map<string, number>();
      for (const e of eventsOf(p)) {
        const city = e.properties.destination as string;
        if (e.event === "Flight Booked") booked.set(city, e.ts);
        if (e.event === "Flight Searched") expect(booked.has(city), `${p.userId} searched ${city} after booking`).toBe(false);
      }
    }
  });

  it("pins the demo personas", () => {
    const sports = byUser("user_000001");
    expect(sports.traits).toMatchObject({ country: "US", city: "New York", interests: ["sports", "food"], lifecycle: "customer" });
    const recentSports = eventsOf(sports).filter((e) => e.properties.category === "sports" && e.event === "Page Viewed" && e.ts > NOW.getTime() - 7 * DAY);
    expect(recentSports.length).toBeGreaterThanOrEqual(10);
    expect(byUser("user_000002").traits).toMatchObject({ country: "GB", income_band: "200k+", interests: ["finance", "technology"] });

    const booked = eventsOf(byUser("user_000003"));
    const booking = booked.find((e) => e.event === "Flight Booked")!;
    expect(booking.properties).toMatchObject({ destination: "Hanoi", destination_country: "Vietnam" });
    expect(booked.filter((e) => e.event === "Flight Searched" && e.ts < booking.ts).length).toBeGreaterThanOrEqual(3);

    const searching = eventsOf(byUser("user_000004"));
    expect(searching.filter((e) => e.event === "Flight Searched" && e.ts > NOW.getTime() - 7 * DAY)).toHaveLength(3);
    expect(searching.some((e) => e.event === "Flight Booked" || e.event === "Order Completed")).toBe(false);

    const churned = byUser("user_000005");
    expect(churned.lastSeenAt).toBeLessThan(NOW.getTime() - 40 * DAY);
    const visitor = data.profiles[DEMO_PERSONAS.find((p) => p.key === "anonymous-tech-visitor")!.index];
    expect([visitor.userId, visitor.anonymousIds]).toEqual([null, ["anon_demo_visitor_0001"]]);
    expect(byUser("user_000008").consent).toEqual({ personalization: false });
  });
});
