/** Phrases for single conditions, used by `describe` to build sentences. */
import type { Comparison, EventCondition, Predicate, PropertyFilter, SegmentCondition, TraitCondition } from "./ast";
import type { CatalogIndex } from "./catalog";
import { article, countryName, formatDate, humanize, joinWords, lastPeriod, plural, quote } from "./describe-format";
import { assertNever } from "./operators";

/** A condition as a relative clause ("whose plan is …", "who viewed …"), or a place ("in the US"). */
export interface Phrase {
  text: string;
  location?: string;
}

/** "is "pro"", "is over 30", "is within the last 7 days" — what follows the field's name. */
export function predicatePhrase(p: Predicate): string {
  switch (p.operator) {
    case "equals": return `is ${quote(p.value)}`;
    case "not_equals": return `is not ${quote(p.value)}`;
    case "one_of": return `is ${joinWords(p.value.map(quote), "or")}`;
    case "none_of": return p.value.length === 2 ? `is neither ${quote(p.value[0])} nor ${quote(p.value[1])}` : `is not ${joinWords(p.value.map(quote), "or")}`;
    case "contains": return `contains ${quote(p.value)}`;
    case "not_contains": return `does not contain ${quote(p.value)}`;
    case "starts_with": return `starts with ${quote(p.value)}`;
    case "ends_with": return `ends with ${quote(p.value)}`;
    case "exists": return "is set";
    case "not_exists": return "is not set";
    case "is_true": return "is true";
    case "is_false": return "is false";
    case "gt": return `is over ${p.value}`;
    case "gte": return `is at least ${p.value}`;
    case "lt": return `is under ${p.value}`;
    case "lte": return `is at most ${p.value}`;
    case "between": {
      const [low, high] = p.value;
      return typeof low === "number" ? `is between ${low} and ${high}` : `is between ${formatDate(low)} and ${formatDate(String(high))}`;
    }
    case "before": return `is before ${formatDate(p.value)}`;
    case "after": return `is after ${formatDate(p.value)}`;
    case "within_last_days": return `is ${lastPeriod(p.value, "day").replace(/^in /, "within ")}`;
    case "more_than_days_ago": return `is more than ${plural(p.value, "day")} ago`;
    case "list_contains_any": return `include ${joinWords(p.value.map(quote), "or")}`;
    case "list_contains_all": return `include ${joinWords(p.value.map(quote), "and")}`;
    default: return assertNever(p, "operator");
  }
}

function fieldLabel(field: string, index?: CatalogIndex): string {
  return index?.fields.get(field)?.label ?? humanize(field.replace(/^(traits|context)\./, ""));
}

/** A trait condition: "whose plan is "pro"", "in the US or Canada", "who were first seen …". */
export function traitPhrase(c: TraitCondition, index?: CatalogIndex): Phrase {
  const codes = c.operator === "equals" ? [c.value] : c.operator === "one_of" ? c.value : null;
  if (/(^|\.)country$/.test(c.field) && codes) {
    const place = `in ${joinWords(codes.map(countryName), "or")}`;
    return { text: `who are ${place}`, location: place };
  }
  if (c.field === "known" && (c.operator === "is_true" || c.operator === "is_false")) {
    return { text: c.operator === "is_true" ? "who are known users" : "who are anonymous" };
  }
  const seen = /^(first|last)_seen_at$/.exec(c.field);
  if (seen && c.operator !== "exists" && c.operator !== "not_exists") {
    const when = predicatePhrase(c).replace(/^is (within )?/, (_, within) => (within ? "in " : ""));
    return { text: `who were ${seen[1]} seen ${when}` };
  }
  return { text: `whose ${fieldLabel(c.field, index)} ${predicatePhrase(c)}` };
}

/** "viewed a page", "completed an order", "signed up", or "did "Custom Thing"". */
function verbPhrase(event: string, filters: PropertyFilter[]): { verb: string; rest: PropertyFilter[] } {
  const words = event.trim().split(/\s+/);
  const category = filters.length === 1 && filters[0].property === "category" ? filters[0] : undefined;
  const values = category?.operator === "equals" ? [category.value] : category?.operator === "one_of" ? category.value : null;
  if (event === "Page Viewed" && values) {
    const names = values.map(String);
    return { verb: `viewed ${article(names[0])} ${joinWords(names, "or")} page`, rest: [] };
  }
  if (words.length >= 2 && /ed$/i.test(words[0])) return { verb: event.toLowerCase(), rest: filters };
  if (words.length >= 2 && /ed$/i.test(words[words.length - 1])) {
    const object = words.slice(0, -1).join(" ").toLowerCase();
    const verb = words[words.length - 1].toLowerCase();
    return { verb: `${verb} ${object.endsWith("s") ? "" : `${article(object)} `}${object}`, rest: filters };
  }
  return { verb: `did ${quote(event)}`, rest: filters };
}

function filterText(filters: PropertyFilter[]): string {
  if (filters.length === 0) return "";
  return ` where ${joinWords(filters.map((f) => `${humanize(f.property)} ${predicatePhrase(f)}`), "and")}`;
}

function times(c: Comparison): string {
  const n = (v: unknown) => (v === 1 ? "once" : v === 2 ? "twice" : `${v} times`);
  switch (c.op) {
    case "at_least": return c.value === 1 ? "" : ` at least ${n(c.value)}`;
    case "at_most": return ` at most ${n(c.value)}`;
    case "exactly": return ` exactly ${n(c.value)}`;
    case "between": return ` between ${c.value} and ${c.value2} times`;
    default: return "";
  }
}

function amount(c: Comparison): string {
  if (c.op === "between") return `between ${c.value} and ${c.value2}`;
  return `${c.op.replace("_", " ")} ${c.value}`;
}

function when(c: Comparison): string {
  switch (c.op) {
    case "before": return ` before ${formatDate(c.value)}`;
    case "after": return ` after ${formatDate(c.value)}`;
    case "between": return ` between ${formatDate(String(c.value))} and ${formatDate(String(c.value2))}`;
    case "within_last_days": return ` ${lastPeriod(c.value, "day")}`;
    case "more_than_days_ago": return ` more than ${plural(c.value, "day")} ago`;
    default: return "";
  }
}

function windowText(c: EventCondition): string {
  const w = c.window;
  if (w.kind === "ever") return "";
  if (w.kind === "between") return ` between ${formatDate(w.from)} and ${formatDate(w.to)}`;
  return ` ${lastPeriod(w.amount, w.unit.slice(0, -1) as "minute" | "hour" | "day")}`;
}

const AGGREGATE_WORDS = { sum: "a total", avg: "an average", min: "a smallest", max: "a largest" } as const;

/** An event condition: "who viewed a sports page at least 3 times in the last 30 days". */
export function eventPhrase(c: EventCondition): Phrase {
  const { verb, rest } = verbPhrase(c.event, c.filters);
  const action = `${verb}${filterText(rest)}`;
  const since = c.since ? ` since they last ${verbPhrase(c.since.event, c.since.filters).verb}` : "";
  const m = c.measure;
  const cmp = c.comparison;
  switch (m.kind) {
    case "count": {
      const never = (cmp.op === "exactly" || cmp.op === "at_most") && cmp.value === 0;
      return { text: never ? `who never ${action}${windowText(c)}${since}` : `who ${action}${times(cmp)}${windowText(c)}${since}` };
    }
    case "sum": case "avg": case "min": case "max":
      return { text: `who ${action} with ${AGGREGATE_WORDS[m.kind]} ${humanize(m.property)} of ${amount(cmp)}${windowText(c)}${since}` };
    case "first": case "last":
      return { text: `who ${m.kind} ${action}${when(cmp)}${windowText(c)}${since}` };
    default:
      return assertNever(m, "measure");
  }
}

/** "who are in segment "VIP customers"". */
export function segmentPhrase(c: SegmentCondition, index?: CatalogIndex): Phrase {
  const name = index?.segmentNames.get(c.segment) ?? c.segment;
  return { text: `who are ${c.op === "in" ? "" : "not "}in segment ${quote(name)}` };
}
