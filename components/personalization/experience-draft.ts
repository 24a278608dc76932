/**
 * The experience editor's unsaved state and its conversion to and from the API's shape. The
 * draft keeps what the form needs (text of number inputs, wall-clock schedule, every audience
 * kind's last value) and `toBody` produces exactly what POST/PATCH validate, so the API's error
 * paths (`rules.1.audience`, `variants.sports.content.headline`) line up with the form's order.
 */
import { emptyGroup, type RuleNode } from "@/components/rules/rule-tree";
import { isoToWallClock, wallClockToIso } from "./schedule";
import type { Audience, ExperienceDto, PropertyFilterDto, SlotDto } from "./types";

export type AudienceKind = "segments" | "rule" | "everyone";

export interface RuleDraft {
  id: string;
  kind: AudienceKind;
  segments: string[];
  rule: RuleNode;
  variant: string;
}

export interface VariantDraft {
  uid: string;
  key: string;
  name: string;
  content: Record<string, unknown>;
}

export interface ExperienceDraft {
  key: string;
  name: string;
  slot: string;
  priority: string;
  start: string;
  end: string;
  timeZone: string;
  holdoutPercent: string;
  capOn: boolean;
  capMax: string;
  capPer: "day" | "week";
  suppressOn: boolean;
  suppressEvent: string;
  suppressFilters: PropertyFilterDto[];
  goalEvent: string;
  rules: RuleDraft[];
  variants: VariantDraft[];
  defaultVariant: string;
}

let counter = 0;
const uid = () => `v${Date.now().toString(36)}${(counter++).toString(36)}`;

function ruleFrom(audience: Audience): Pick<RuleDraft, "kind" | "segments" | "rule"> {
  if ("segments" in audience) return { kind: "segments", segments: audience.segments, rule: emptyGroup() };
  if ("rule" in audience) return { kind: "rule", segments: [], rule: audience.rule as RuleNode };
  return { kind: "everyone", segments: [], rule: emptyGroup() };
}

/** The default first, then in the order rules show them, then the rest by key (jsonb keeps no order). */
function orderVariants(e: ExperienceDto): [string, ExperienceDto["variants"][string]][] {
  const rank = new Map<string, number>([[e.defaultVariant, -1]]);
  e.rules.forEach((r, i) => {
    if (!rank.has(r.variant)) rank.set(r.variant, i);
  });
  return Object.entries(e.variants).sort(([a], [b]) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || a.localeCompare(b));
}

/** The form state of a saved experience. */
export function draftFromExperience(e: ExperienceDto): ExperienceDraft {
  return {
    key: e.key,
    name: e.name,
    slot: e.slot,
    priority: String(e.priority),
    start: isoToWallClock(e.scheduleStart, e.timeZone),
    end: isoToWallClock(e.scheduleEnd, e.timeZone),
    timeZone: e.timeZone,
    holdoutPercent: String(e.holdoutPercent),
    capOn: e.frequencyCap !== null,
    capMax: String(e.frequencyCap?.max ?? 3),
    capPer: e.frequencyCap?.per ?? "day",
    suppressOn: e.suppression !== null,
    suppressEvent: e.suppression?.event ?? "",
    suppressFilters: e.suppression?.filters ?? [],
    goalEvent: e.goalEvent ?? "",
    rules: e.rules.map((r) => ({ id: r.id, variant: r.variant, ...ruleFrom(r.audience) })),
    variants: orderVariants(e).map(([key, v], i) => ({ uid: `saved-${i}`, key, name: v.name, content: v.content ?? {} })),
    defaultVariant: e.defaultVariant,
  };
}

/** A new experience on `slot`: one default variant, no rules, always on. */
export function newDraft(slot: string): ExperienceDraft {
  return {
    key: "",
    name: "",
    slot,
    priority: "100",
    start: "",
    end: "",
    timeZone: "UTC",
    holdoutPercent: "0",
    capOn: false,
    capMax: "3",
    capPer: "day",
    suppressOn: false,
    suppressEvent: "",
    suppressFilters: [],
    goalEvent: "",
    rules: [],
    variants: [{ uid: "saved-0", key: "default", name: "Default", content: {} }],
    defaultVariant: "default",
  };
}

export function newVariant(existing: readonly VariantDraft[]): VariantDraft {
  const keys = new Set(existing.map((v) => v.key));
  let n = existing.length + 1;
  while (keys.has(`variant-${n}`)) n += 1;
  return { uid: uid(), key: `variant-${n}`, name: `Variant ${n}`, content: {} };
}

export function newRule(existing: readonly RuleDraft[], variant: string): RuleDraft {
  const ids = new Set(existing.map((r) => r.id));
  let n = existing.length + 1;
  while (ids.has(`rule-${n}`)) n += 1;
  return { id: `rule-${n}`, kind: "segments", segments: [], rule: emptyGroup(), variant };
}

/** "12" → 12; "" → undefined (the API default); anything else is sent as typed so the API names it. */
function numberOf(text: string): number | string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

function audienceOf(r: RuleDraft): Audience {
  if (r.kind === "segments") return { segments: r.segments };
  if (r.kind === "rule") return { rule: r.rule };
  return { everyone: true };
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** Variant content as saved: only the slot's fields, empty ones left out. */
export function contentForSave(content: Record<string, unknown>, slot: SlotDto | undefined): Record<string, unknown> {
  const keys = slot ? new Set(slot.fields.map((f) => f.key)) : null;
  return Object.fromEntries(Object.entries(content).filter(([k, v]) => (!keys || keys.has(k)) && !isEmpty(v)));
}

/** The body POST /api/v1/experiences (and PATCH, without the key) validates. */
export function toBody(d: ExperienceDraft, slot: SlotDto | undefined): Record<string, unknown> {
  const start = wallClockToIso(d.start, d.timeZone);
  const end = wallClockToIso(d.end, d.timeZone);
  return {
    key: d.key,
    name: d.name.trim(),
    slot: d.slot,
    priority: numberOf(d.priority),
    scheduleStart: start === undefined ? d.start : start,
    scheduleEnd: end === undefined ? d.end : end,
    timeZone: d.timeZone,
    holdoutPercent: numberOf(d.holdoutPercent) ?? 0,
    frequencyCap: d.capOn ? { max: numberOf(d.capMax), per: d.capPer } : null,
    suppression: d.suppressOn ? { event: d.suppressEvent, filters: d.suppressFilters } : null,
    goalEvent: d.goalEvent || null,
    rules: d.rules.map((r) => ({ id: r.id, audience: audienceOf(r), variant: r.variant })),
    variants: Object.fromEntries(d.variants.map((v) => [v.key, { name: v.name.trim(), content: contentForSave(v.content, slot) }])),
    defaultVariant: d.defaultVariant,
  };
}

/** JSON with object keys sorted, so equal values compare equal whatever order jsonb kept. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** The keys of segments the rules use, in order, without repeats. */
export function segmentsUsed(d: ExperienceDraft): string[] {
  return [...new Set(d.rules.flatMap((r) => (r.kind === "segments" ? r.segments : [])))];
}
