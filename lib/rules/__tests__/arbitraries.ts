/**
 * fast-check generators for the differential test: valid rules over TEST_CATALOG (every operator,
 * measure, comparison and window, nested and negated groups, segment references) and small
 * populations whose values collide with the rules' values on purpose.
 */
import fc from "fast-check";
import type { RuleInput } from "../ast";
import type { FieldType } from "../catalog";
import { BUILTIN_FIELDS } from "../fields";
import { OPERATORS_BY_TYPE } from "../operators";
import {
  AMOUNTS, AMOUNT_BOUNDS, DAY, HOUR, INSTANTS, INVALID_DATES, LISTS, MINUTE, NEEDLES, NUMBERS, OTHERS, STRINGS, T,
  TEST_CATALOG, VALID_DATES, iso,
} from "./fixtures";
import { parseIsoDate } from "../iso-date";

type Json = unknown;
export const SEGMENT_KEYS = ["vip", "active", "eu"] as const;
const USER_IDS = ["user-1", "USER-2", "u", "user", "1", "ser-"];

const str = fc.constantFrom(...STRINGS);
const num = fc.constantFrom(...NUMBERS);
const date = fc.constantFrom(...VALID_DATES);
const days = fc.constantFrom(1, 7, 30);
const sorted = <V>(arb: fc.Arbitrary<V>, key: (v: V) => number) =>
  fc.tuple(arb, arb).map(([a, b]) => (key(a) <= key(b) ? [a, b] : [b, a]));

function valueFor(op: string, type: FieldType, strings: fc.Arbitrary<string>): fc.Arbitrary<Json> | null {
  switch (op) {
    case "exists": case "not_exists": case "is_true": case "is_false":
      return null;
    case "equals": case "not_equals": case "gt": case "gte": case "lt": case "lte":
      return type === "number" ? num : (strings as fc.Arbitrary<Json>);
    case "one_of": case "none_of":
      return fc.array(type === "number" ? num : (strings as fc.Arbitrary<Json>), { minLength: 1, maxLength: 3 });
    case "contains": case "not_contains": case "starts_with": case "ends_with":
      return fc.constantFrom(...NEEDLES);
    case "between":
      return type === "number" ? sorted(num, (n) => n) : sorted(date, parseIsoDate);
    case "before": case "after":
      return date;
    case "within_last_days": case "more_than_days_ago":
      return days;
    case "list_contains_any": case "list_contains_all":
      return fc.array(fc.constantFrom<string | number>("sports", "SPORTS", "music", 1, 2, 2.5, "1", "US"), { minLength: 1, maxLength: 3 });
    default:
      throw new Error(`no generator for ${op}`);
  }
}

function predicate(type: FieldType, strings = str): fc.Arbitrary<Record<string, Json>> {
  return fc.constantFrom(...OPERATORS_BY_TYPE[type]).chain((operator) => {
    const value = valueFor(operator, type, strings);
    return value ? value.map((v) => ({ operator, value: v })) : fc.constant({ operator });
  });
}

const fields = [...BUILTIN_FIELDS, ...TEST_CATALOG.fields];
const trait = fc.constantFrom(...fields).chain((f) =>
  predicate(f.type, f.field === "user_id" ? fc.constantFrom(...USER_IDS) : str).map((p) => ({ type: "trait", field: f.field, ...p })),
);

const events = TEST_CATALOG.events;
const filters = (event: string) => {
  const props = events.find((e) => e.event === event)!.properties;
  const filter = fc.constantFrom(...props).chain((p) => predicate(p.type).map((pr) => ({ property: p.property, ...pr })));
  return fc.array(filter, { maxLength: 2 });
};

const countComparison = fc.oneof(
  fc.record({ op: fc.constantFrom("at_least", "at_most", "exactly"), value: fc.integer({ min: 0, max: 4 }) }),
  sorted(fc.integer({ min: 0, max: 4 }), (n) => n).map(([a, b]) => ({ op: "between", value: a, value2: b })),
);
const bound = fc.oneof({ weight: 1, arbitrary: num }, { weight: 3, arbitrary: fc.constantFrom(...AMOUNT_BOUNDS) });
const numberComparison = fc.oneof(
  fc.record({ op: fc.constantFrom("at_least", "at_most", "exactly"), value: bound }),
  sorted(bound, (n) => n).map(([a, b]) => ({ op: "between", value: a, value2: b })),
);
const timeComparison = fc.oneof(
  fc.record({ op: fc.constantFrom("before", "after"), value: date }),
  sorted(date, parseIsoDate).map(([a, b]) => ({ op: "between", value: a, value2: b })),
  fc.record({ op: fc.constantFrom("within_last_days", "more_than_days_ago"), value: days }),
);
const windowArb = fc.constantFrom<Json>(
  { kind: "ever" },
  { kind: "last", amount: 1, unit: "days" },
  { kind: "last", amount: 7, unit: "days" },
  { kind: "last", amount: 30, unit: "days" },
  { kind: "last", amount: 60, unit: "minutes" },
  { kind: "last", amount: 2, unit: "hours" },
  { kind: "last", amount: 24, unit: "hours" },
  { kind: "between", from: iso(T - 10 * DAY), to: iso(T - 2 * DAY) },
  { kind: "between", from: "2025-06-01", to: iso(T) },
  { kind: "between", from: "2025-06-14", to: "2025-06-16" },
);

const event = fc.constantFrom(...events).chain((e) => {
  const numeric = e.properties.filter((p) => p.type === "number").map((p) => p.property);
  const measures: fc.Arbitrary<[Json, Json]>[] = [
    countComparison.map((c) => [{ kind: "count" }, c]),
    fc.constantFrom("first", "last").chain((kind) => timeComparison.map((c) => [{ kind }, c])),
  ];
  if (numeric.length > 0) {
    const aggregate = fc.record({ kind: fc.constantFrom("sum", "avg", "min", "max"), property: fc.constantFrom(...numeric) });
    measures.push(aggregate.chain((m) => numberComparison.map((c) => [m, c])));
  }
  const since = fc.option(
    fc.constantFrom(...events).chain((s) => filters(s.event).map((f) => ({ event: s.event, filters: f }))),
    { freq: 3, nil: undefined },
  );
  return fc
    .record({ filters: filters(e.event), mc: fc.oneof(...measures), window: windowArb, since })
    .map(({ filters: f, mc, window, since: s }) => ({
      type: "event", event: e.event, filters: f, measure: mc[0], comparison: mc[1], window, ...(s ? { since: s } : {}),
    }));
});

const segment = fc.record({ type: fc.constant("segment"), op: fc.constantFrom("in", "not_in"), segment: fc.constantFrom(...SEGMENT_KEYS) });

/** Valid rules: nested and/or groups (some negated, some empty) over every kind of condition. */
export const ruleArb: fc.Arbitrary<RuleInput> = fc.letrec<{ node: Json; group: Json; leaf: Json }>((tie) => ({
  node: fc.oneof({ depthSize: "small", maxDepth: 3 }, { weight: 3, arbitrary: tie("leaf") }, { weight: 2, arbitrary: tie("group") }),
  group: fc.record({
    type: fc.constant("group"),
    op: fc.constantFrom("and", "or"),
    negate: fc.boolean(),
    children: fc.oneof({ weight: 12, arbitrary: fc.array(tie("node"), { minLength: 1, maxLength: 4 }) }, { weight: 1, arbitrary: fc.constant([]) }),
  }),
  leaf: fc.oneof({ weight: 5, arbitrary: trait }, { weight: 4, arbitrary: event }, { weight: 1, arbitrary: segment }),
})).node as fc.Arbitrary<RuleInput>;

// --- data ---

const ABSENT = Symbol("absent");
const anyValue = fc.constantFrom<unknown>(...STRINGS, ...NUMBERS, ...VALID_DATES, ...INVALID_DATES, ...LISTS, ...OTHERS);
function valueOf(type: FieldType, amounts = false): fc.Arbitrary<unknown> {
  const typed = {
    string: str,
    number: amounts ? fc.oneof({ weight: 1, arbitrary: num }, { weight: 4, arbitrary: fc.constantFrom(...AMOUNTS) }) : num,
    boolean: fc.boolean(),
    date: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VALID_DATES) }, { weight: 1, arbitrary: fc.constantFrom(...INVALID_DATES) }),
    list: fc.constantFrom(...LISTS),
  }[type];
  return fc.oneof(
    { weight: 6, arbitrary: typed },
    { weight: 2, arbitrary: anyValue },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constant(ABSENT) },
  );
}

/** An object with the given dotted keys set to generated values (absent ones left out). */
function objectOf(props: { key: string; type: FieldType }[], amounts = false): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(...props.map((p) => valueOf(p.type, amounts))).map((values) => {
    const out: Record<string, unknown> = {};
    props.forEach((p, i) => {
      if (values[i] === ABSENT) return;
      const keys = p.key.split(".");
      let target = out;
      for (const k of keys.slice(0, -1)) {
        if (typeof target[k] !== "object" || target[k] === null) target[k] = {};
        target = target[k] as Record<string, unknown>;
      }
      target[keys[keys.length - 1]] = values[i];
    });
    return out;
  });
}

const keysOf = (prefix: string) =>
  TEST_CATALOG.fields.filter((f) => f.field.startsWith(prefix)).map((f) => ({ key: f.field.slice(prefix.length), type: f.type }));

const instant = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...INSTANTS) }, { weight: 1, arbitrary: fc.integer({ min: T - 40 * DAY, max: T + 2 * DAY }) });
const eventName = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...events.map((e) => e.event)) }, { weight: 1, arbitrary: fc.constantFrom("page viewed", "Other Event") });

export interface GeneratedEvent { event: string; properties: Record<string, unknown>; timestamp: number }
export interface GeneratedProfile {
  userIdPrefix: string | null;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  firstSeenAt: number;
  lastSeenAt: number;
  events: GeneratedEvent[];
}

const eventArb: fc.Arbitrary<GeneratedEvent> = eventName.chain((name) => {
  const props = events.find((e) => e.event === name)?.properties ?? events[0].properties;
  return fc.record({
    event: fc.constant(name),
    properties: objectOf(props.map((p) => ({ key: p.property, type: p.type })), true),
    timestamp: instant,
  });
});

export const profileArb: fc.Arbitrary<GeneratedProfile> = fc.record({
  userIdPrefix: fc.constantFrom(null, "user-", "USER-", "u"),
  traits: objectOf(keysOf("traits.")),
  context: objectOf(keysOf("context.")),
  firstSeenAt: instant,
  lastSeenAt: instant,
  events: fc.array(eventArb, { maxLength: 14 }),
});

/**
 * Profiles whose events sum to exactly the bounds rules compare with, where binary floating point
 * is off (0.1 + 0.2 ≠ 0.3): random data almost never builds such a history on its own.
 */
function edgeProfiles(): GeneratedProfile[] {
  const numeric = events.flatMap((e) => e.properties.filter((p) => p.type === "number").map((p) => [e.event, p.property]));
  return numeric.flatMap(([event, property]) =>
    [[0.1, 0.2], [0.1, 0.2, 0.3], [0.2, 0.1, null]].map((amounts) => ({
      userIdPrefix: null, traits: {}, context: {}, firstSeenAt: T - 30 * DAY, lastSeenAt: T,
      events: amounts.map((amount) => ({ event, properties: { [property]: amount }, timestamp: T - HOUR })),
    })),
  );
}

export const populationArb = fc.array(profileArb, { minLength: 24, maxLength: 24 }).map((ps) => [...ps, ...edgeProfiles()]);
export { HOUR, MINUTE };
