/**
 * The visitor cache keeps only the event properties that rules and templates read
 * (`trimEvents`). Property test: for random rules over random histories, and any decision time
 * from the load on, trimmed events give every rule the same answer and every template the same
 * `events.last`, as the whole events do.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { profileArb, ruleArb } from "@/lib/rules/__tests__/arbitraries";
import { NOW, T, TEST_CATALOG } from "@/lib/rules/__tests__/fixtures";
import type { Rule } from "@/lib/rules/ast";
import { evaluate, type EventFact, type Facts } from "@/lib/rules/evaluate";
import { parse } from "@/lib/rules/parse";
import { renderScope } from "../decide";
import type { Visitor } from "../load-visitor";
import { keptPropertiesFor, trimEvents } from "../visitor-cache";

const HOUR = 3_600_000;
const NAMES = [...TEST_CATALOG.events.map((e) => e.event), "Other Event"];

function mustParse(json: unknown): Rule {
  const result = parse(json, TEST_CATALOG, { lookupSegment: () => ({ type: "trait", field: "traits.plan", operator: "equals", value: "pro" }) });
  if (!result.ok) throw new Error(`generator produced an invalid rule: ${JSON.stringify(result.errors)}`);
  return result.rule;
}

/** What a decision at `t` sees: the events up to `t` (as the cache's view does) and templates' `events.last`. */
function seenAt(events: EventFact[], t: number) {
  const visible = events.filter((e) => e.timestamp.getTime() <= t);
  const facts: Facts = { profile: { userId: null, traits: {}, context: {}, firstSeenAt: NOW, lastSeenAt: NOW }, events: visible, segments: (key) => key === "vip" };
  const last = (renderScope({ events: visible, userId: null } as Visitor, facts).events as { last: Record<string, unknown> }).last;
  return { facts, last };
}

describe("trimming a kept visitor's events", () => {
  it("changes no rule's answer and no template's events.last, at the load time or any time after", () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
        profileArb,
        fc.subarray(NAMES),
        fc.integer({ min: -2 * HOUR, max: 0 }),
        fc.integer({ min: 0, max: 48 * HOUR }),
        (json, profile, latest, loadOffset, later) => {
          const rules = json.map(mustParse);
          const whole = profile.events.map((e) => ({ event: e.event, properties: structuredClone(e.properties), timestamp: new Date(e.timestamp) }));
          const trimmed = profile.events.map((e) => ({ event: e.event, properties: structuredClone(e.properties), timestamp: new Date(e.timestamp) }));
          const loadNow = T + loadOffset;
          trimEvents(trimmed, keptPropertiesFor(rules, latest), loadNow);
          for (const t of [loadNow, loadNow + later]) {
            const a = seenAt(whole, t);
            const b = seenAt(trimmed, t);
            for (const rule of rules) expect(evaluate(rule, b.facts, new Date(t))).toBe(evaluate(rule, a.facts, new Date(t)));
            for (const name of latest) expect(b.last[name]).toEqual(a.last[name]);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("keeps only the keys rules read, shares the event name, and leaves unknown names and odd values alone", () => {
    const rule = mustParse({ type: "event", event: "Page Viewed", filters: [{ property: "page.section", operator: "equals", value: "news" }], comparison: { op: "at_least", value: 1 }, window: { kind: "ever" } });
    const kept = keptPropertiesFor([rule], []);
    expect(Object.fromEntries(kept.keys)).toEqual({ "Page Viewed": ["page"] });
    const at = new Date(T - HOUR);
    const events: EventFact[] = [
      { event: "Page Viewed", properties: JSON.parse('{"page": {"section": "news"}, "title": "Long title", "__proto__": {"x": 1}}'), timestamp: at },
      { event: "Page Viewed", properties: null as unknown as Record<string, unknown>, timestamp: at },
      { event: "Order Completed", properties: { total: 10 }, timestamp: at },
    ];
    trimEvents(events, kept, T);
    expect(events[0].properties).toEqual({ page: { section: "news" } });
    expect(Object.getPrototypeOf(events[0].properties)).toBe(Object.prototype);
    expect(events[1].properties).toBeNull();
    expect(events[2].properties).toEqual({ total: 10 });
    expect(events[0].event).toBe(kept.names.get("Page Viewed"));
  });
});
