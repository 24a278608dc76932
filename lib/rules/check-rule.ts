/**
 * The second pass of `parse`, after the shape is known to be right: every field and event exists
 * in the catalog, every operator fits its field's type, every value fits its operator. Each
 * message names the problem and how to fix it.
 */
import type { Comparison, EventCondition, Node, Predicate, PropertyFilter } from "./ast";
import { indexCatalog, type Catalog, type CatalogIndex, type ExampleValue, type FieldType } from "./catalog";
import { resolveField, splitPath } from "./fields";
import { parseIsoDate } from "./iso-date";
import { OPERATORS_BY_TYPE, assertNever, operatorFits } from "./operators";
import { listNames, suggest, type RuleError } from "./rule-error";

type Path = (string | number)[];
const TYPE_NAMES: Record<FieldType, string> = {
  string: "text", number: "numbers", boolean: "true/false values", date: "dates", list: "lists",
};
const DATE_HINT = "use YYYY-MM-DD or an ISO 8601 date-time such as 2024-05-01T12:00:00Z";
const MAX_WINDOW_MS = 36_500 * 86_400_000;
const MAX_COUNT = 1_000_000_000;
const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

class Checker {
  readonly errors: RuleError[] = [];
  constructor(private readonly index: CatalogIndex) {}

  fail(path: Path, code: RuleError["code"], message: string): void {
    this.errors.push({ path, code, message });
  }

  date(path: Path, value: unknown): number {
    const ms = typeof value === "string" ? parseIsoDate(value) : NaN;
    if (Number.isNaN(ms)) this.fail(path, "invalid_value", `${JSON.stringify(value)} is not a date: ${DATE_HINT}.`);
    return ms;
  }

  ordered(path: Path, low: number, high: number): void {
    if (low > high) this.fail(path, "invalid_value", "The first bound is larger than the second: swap them.");
  }

  node(node: Node, path: Path): void {
    switch (node.type) {
      case "group":
        node.children.forEach((child, i) => this.node(child, [...path, "children", i]));
        return;
      case "trait": {
        if (resolveField(node.field) === null) {
          this.fail([...path, "field"], "unknown_field", `"${node.field}" is not a field name: use traits.<key>, context.<key>, user_id, known, first_seen_at or last_seen_at.`);
          return;
        }
        const field = this.index.fields.get(node.field);
        if (!field) {
          this.fail([...path, "field"], "unknown_field", `Unknown field "${node.field}".${suggest(node.field, this.index.fields.keys())} Pick a field from the catalog.`);
          return;
        }
        this.predicate(node, field.type, node.field, field.examples, path);
        return;
      }
      case "event":
        this.event(node, path);
        return;
      case "segment":
        return; // existence and cycles: check-segments.ts
      default:
        assertNever(node, "node");
    }
  }

  predicate(p: Predicate, type: FieldType, name: string, examples: ExampleValue[], path: Path): void {
    if (!operatorFits(p.operator, type)) {
      this.fail([...path, "operator"], "operator_mismatch", `"${p.operator}" does not apply to ${name}, which holds ${TYPE_NAMES[type]}. Use one of: ${OPERATORS_BY_TYPE[type].join(", ")}.`);
      return;
    }
    const valuePath = [...path, "value"];
    const expected = type === "number" ? "number" : "string";
    const example = examples.find((e) => typeof e === expected);
    const hint = `${name} holds ${TYPE_NAMES[type]}: give ${type === "number" ? "a number" : "text"}${example === undefined ? "" : ` such as ${JSON.stringify(example)}`}.`;
    switch (p.operator) {
      case "equals":
      case "not_equals":
        if (typeof p.value !== expected) this.fail(valuePath, "invalid_value", hint);
        return;
      case "one_of":
      case "none_of":
        if (typeof p.value[0] !== expected) this.fail(valuePath, "invalid_value", `${hint} (a list of them)`);
        return;
      case "between": {
        const [low, high] = p.value;
        if (type === "number") {
          if (typeof low !== "number") this.fail(valuePath, "invalid_value", `${name} holds numbers: give [low, high] as numbers.`);
          else this.ordered(valuePath, low, Number(high));
          return;
        }
        const [from, to] = [this.date([...valuePath, 0], low), this.date([...valuePath, 1], high)];
        this.ordered(valuePath, from, to);
        return;
      }
      case "before":
      case "after":
        this.date(valuePath, p.value);
        return;
      default:
        return; // the shape already fixes the value type of the other operators
    }
  }

  filters(filters: PropertyFilter[], event: string, path: Path): void {
    const known = this.index.events.get(event);
    filters.forEach((f, i) => {
      const at = [...path, i];
      const property = known?.properties.get(f.property);
      if (!property) {
        const why = splitPath(f.property) ? `Event "${event}" has no property "${f.property}".` : `"${f.property}" is not a property path.`;
        this.fail([...at, "property"], "unknown_property", `${why}${suggest(f.property, known?.properties.keys() ?? [])} Known properties: ${listNames([...(known?.properties.keys() ?? [])])}.`);
        return;
      }
      this.predicate(f, property.type, f.property, property.examples, at);
    });
  }

  knownEvent(event: string, path: Path): boolean {
    if (this.index.events.has(event)) return true;
    const names = [...this.index.events.keys()];
    this.fail(path, "unknown_event", `Unknown event "${event}".${suggest(event, names)} Known events: ${listNames(names)}.`);
    return false;
  }

  event(c: EventCondition, path: Path): void {
    if (this.knownEvent(c.event, [...path, "event"])) this.filters(c.filters, c.event, [...path, "filters"]);
    if (c.since && this.knownEvent(c.since.event, [...path, "since", "event"])) {
      this.filters(c.since.filters, c.since.event, [...path, "since", "filters"]);
    }
    const m = c.measure;
    if ("property" in m) {
      const property = this.index.events.get(c.event)?.properties.get(m.property);
      if (this.index.events.has(c.event) && property?.type !== "number") {
        const numeric = [...(this.index.events.get(c.event)?.properties.values() ?? [])].filter((p) => p.type === "number");
        this.fail([...path, "measure", "property"], "unknown_property", `${m.kind} needs a numeric property of "${c.event}"; "${m.property}" is ${property ? `${TYPE_NAMES[property.type]}` : "not one of its properties"}. Numeric properties: ${listNames(numeric.map((p) => p.property))}.`);
      }
    }
    this.comparison(c.comparison, m.kind, [...path, "comparison"]);
    const w = c.window;
    if (w.kind === "last" && w.amount * UNIT_MS[w.unit] > MAX_WINDOW_MS) {
      this.fail([...path, "window", "amount"], "invalid_value", "Windows reach back 36500 days at most; use a smaller amount or the window \"ever\".");
    }
    if (w.kind === "between") {
      this.ordered([...path, "window"], this.date([...path, "window", "from"], w.from), this.date([...path, "window", "to"], w.to));
    }
  }

  comparison(c: Comparison, measure: EventCondition["measure"]["kind"], path: Path): void {
    const time = measure === "first" || measure === "last";
    const fits = time
      ? ["before", "after", "between", "within_last_days", "more_than_days_ago"]
      : ["at_least", "at_most", "exactly", "between"];
    if (!fits.includes(c.op)) {
      this.fail([...path, "op"], "operator_mismatch", `"${c.op}" does not compare ${time ? "an occurrence time" : `a ${measure}`}. Use one of: ${fits.join(", ")}.`);
      return;
    }
    if (time) {
      if (c.op === "before" || c.op === "after") this.date([...path, "value"], c.value);
      if (c.op === "between") this.ordered(path, this.date([...path, "value"], c.value), this.date([...path, "value2"], c.value2));
      return;
    }
    const bounds: [string, unknown][] = c.op === "between" ? [["value", c.value], ["value2", c.value2]] : [["value", c.value]];
    for (const [key, bound] of bounds) {
      const ok = measure === "count" ? Number.isInteger(bound) && (bound as number) >= 0 && (bound as number) <= MAX_COUNT : typeof bound === "number";
      if (!ok) this.fail([...path, key], "invalid_value", measure === "count" ? `Give a whole number of times, from 0 to ${MAX_COUNT}.` : "Give a number.");
    }
    if (c.op === "between" && typeof c.value === "number" && typeof c.value2 === "number") this.ordered(path, c.value, c.value2);
  }
}

/** Catalog checks of a rule whose shape is valid; an empty list means it is fine. */
export function checkRule(node: Node, catalog: Catalog): RuleError[] {
  const checker = new Checker(indexCatalog(catalog));
  checker.node(node, []);
  return checker.errors;
}
