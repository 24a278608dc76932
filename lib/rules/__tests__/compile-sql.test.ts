/** compileToSql's contract: bound values only, the `p` alias columns only, events keyed by profile. */
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import type { Rule } from "../ast";
import type { Catalog } from "../catalog";
import { compileToSql } from "../compile-sql";
import { inlineSegments } from "../inline-segments";
import { parse } from "../parse";
import { NOW } from "./fixtures";

const EVIL = "x'); drop table profiles; --";
const catalog: Catalog = {
  fields: [{ field: `traits.${EVIL}`, type: "string", examples: [] }, { field: "traits.tags", type: "list", examples: [] }],
  events: [{ event: EVIL, properties: [{ property: EVIL, type: "string", examples: [] }, { property: "amount", type: "number", examples: [] }] }],
};
const rule = (json: unknown): Rule => {
  const result = parse(json, catalog, { lookupSegment: () => ({ type: "group", op: "and", children: [] }) });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.rule;
};
const everything = rule({
  type: "group", op: "or", negate: true, children: [
    { type: "trait", field: `traits.${EVIL}`, operator: "one_of", value: [EVIL, "%"] },
    { type: "trait", field: "traits.tags", operator: "list_contains_all", value: [EVIL, 1] },
    { type: "event", event: EVIL, filters: [{ property: EVIL, operator: "contains", value: EVIL }], comparison: { op: "between", value: 2, value2: 4 }, since: { event: EVIL } },
    { type: "event", event: EVIL, measure: { kind: "avg", property: "amount" }, comparison: { op: "at_least", value: 3 }, window: { kind: "last", amount: 2, unit: "hours" } },
    { type: "event", event: EVIL, measure: { kind: "last" }, comparison: { op: "within_last_days", value: 3 } },
    { type: "segment", op: "not_in", segment: EVIL },
  ],
});
const query = new PgDialect().sqlToQuery(compileToSql(everything, NOW, inlineSegments(() => rule({ type: "group", op: "and", children: [] }), NOW)));

describe("compileToSql", () => {
  it("binds every user value and key as a parameter", () => {
    expect(query.sql).not.toContain("drop table");
    expect(query.sql).not.toContain("%");
    expect(query.params.filter((p) => p === EVIL).length).toBeGreaterThanOrEqual(8);
  });

  it("reads only the documented columns of the profile row p", () => {
    const columns = new Set([...query.sql.matchAll(/\bp\.([a-z_]+)/g)].map((m) => m[1]));
    expect([...columns].every((c) => ["workspace_id", "id", "user_id", "traits", "context", "first_seen_at", "last_seen_at"].includes(c))).toBe(true);
    expect(columns).toContain("traits");
  });

  it("keys every events subquery on the profile's (workspace_id, id)", () => {
    const subqueries = [...query.sql.matchAll(/from events (\w+) where (\w+)\.workspace_id = p\.workspace_id and (\w+)\.profile_id = p\.id/g)];
    expect(subqueries.length).toBe((query.sql.match(/from events/g) ?? []).length);
    expect(subqueries.length).toBeGreaterThanOrEqual(4);
    for (const [, alias, a, b] of subqueries) expect([a, b]).toEqual([alias, alias]);
  });

  it("fails loudly when a segment cannot be compiled", () => {
    const inSegment = rule({ type: "segment", op: "in", segment: "vip" });
    expect(() => compileToSql(inSegment, NOW)).toThrow(/no segment SQL was given/);
    expect(() => compileToSql(inSegment, NOW, inlineSegments(() => undefined, NOW))).toThrow(/Unknown segment "vip"/);
    const loop = inlineSegments(() => inSegment, NOW);
    expect(() => compileToSql(inSegment, NOW, loop)).toThrow(/Segment reference cycle: vip → vip/);
  });
});
