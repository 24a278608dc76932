import { z } from "zod";
import type { Catalog } from "@/lib/rules/catalog";

/**
 * Shapes, fields and bands of segment breakdowns (lib/insights/breakdown.ts). No database code:
 * the dashboard imports the types, and the pure parts are tested on their own.
 */

export const DEFAULT_BREAKDOWN_LIMIT = 10;
export const MAX_BREAKDOWN_LIMIT = 50;
/** Index at or above this: over-represented in the segment (120 = 1.2× its share of all profiles). */
export const INDEX_HIGH = 120;
/** Index at or below this: under-represented. */
export const INDEX_LOW = 80;
/**
 * A value is highlighted only when it has, or would be expected to have, at least this many
 * members: an index of 300 on three people is noise, not insight.
 */
export const MIN_SIGNAL_MEMBERS = 20;

/** `?by=traits.country&limit=10&refresh=1`. */
export const breakdownQuerySchema = z.object({
  by: z.string().trim().min(1).max(200).optional().describe("A trait or context field, e.g. traits.country or context.device; default: the first of country, device"),
  limit: z.coerce.number().int().min(1).max(MAX_BREAKDOWN_LIMIT).default(DEFAULT_BREAKDOWN_LIMIT).describe("Values shown before the rest fold into “Other”"),
  refresh: z
    .enum(["0", "1", "true", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true")
    .describe("1 to recount instead of answering from the short-lived cache"),
});

export type BreakdownFieldType = "string" | "number" | "boolean";

export interface BreakdownField {
  /** `traits.<path>` or `context.<path>`. */
  field: string;
  label: string;
  source: "traits" | "context";
  type: BreakdownFieldType;
}

export type BreakdownRowKind = "value" | "band" | "other" | "not_set";
export type Representation = "over" | "under" | "even" | "too_few";

export interface BreakdownRow {
  /** The raw value (or band label); "" for Other and (not set). */
  key: string;
  label: string;
  kind: BreakdownRowKind;
  members: number;
  profiles: number;
  /** members / segment size (0 when the segment is empty). */
  segmentShare: number;
  /** profiles / all profiles. */
  allShare: number;
  /** segmentShare / allShare × 100; null when the value has no profiles or the segment is empty. */
  index: number | null;
  representation: Representation;
}

export interface SegmentBreakdown {
  segment: { key: string; name: string; size: number };
  /** The field broken down by; null when the workspace has no field to break down by yet. */
  field: (BreakdownField & { banded: boolean }) | null;
  totalProfiles: number;
  rows: BreakdownRow[];
  /** Every field `by` may name, for a picker. */
  fields: BreakdownField[];
  /** When the counts were taken (answers are cached for a minute). */
  asOf: string;
}

const SUPPORTED = new Set<string>(["string", "number", "boolean"]);
/** Keys that identify one person: every value is unique, so a breakdown would only list people. */
const IDENTIFYING = /(^|_)(email|phone|name|id|ip|address|street|zip|postcode|postal_code|token)$/i;
const ACRONYMS: Record<string, string> = { utm: "UTM", os: "OS", id: "ID", ip: "IP", url: "URL" };

/** "utm_source" → "UTM source", "address.city" → "Address city". */
export function fieldLabel(field: string): string {
  const words = field
    .slice(field.indexOf(".") + 1)
    .split(/[._\s-]+/)
    .filter(Boolean)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The trait and context fields a segment can be broken down by: text, number and yes/no fields that do not identify a person. */
export function listBreakdownFields(catalog: Catalog): BreakdownField[] {
  const out: BreakdownField[] = [];
  for (const f of catalog.fields) {
    const source = f.field.startsWith("traits.") ? "traits" : f.field.startsWith("context.") ? "context" : null;
    if (!source || !SUPPORTED.has(f.type)) continue;
    const lastKey = f.field.slice(f.field.lastIndexOf(".") + 1);
    if (IDENTIFYING.test(lastKey)) continue;
    out.push({ field: f.field, label: fieldLabel(f.field), source, type: f.type as BreakdownFieldType });
  }
  return out;
}

const DEFAULT_ORDER = ["traits.country", "context.country", "context.device", "traits.lifecycle"];

/** The field shown first: country or device when the workspace has them. */
export function defaultBreakdownField(fields: BreakdownField[]): BreakdownField | null {
  for (const name of DEFAULT_ORDER) {
    const hit = fields.find((f) => f.field === name);
    if (hit) return hit;
  }
  return fields[0] ?? null;
}

export interface Bands {
  /** Lower bounds of bands 1…n (band 0 is everything below the first), as for SQL `width_bucket`. */
  thresholds: number[];
  labels: string[];
  /** Drop bands nobody falls in (fixed bands such as age); equal-width bands stay contiguous. */
  dropEmpty: boolean;
}

export const AGE_BANDS: Bands = {
  thresholds: [18, 25, 35, 45, 55, 65],
  labels: ["Under 18", "18–24", "25–34", "35–44", "45–54", "55–64", "65+"],
  dropEmpty: true,
};

/** True for fields holding an age in years, which get the usual marketing age bands. */
export function isAgeField(field: string): boolean {
  return /(^|[._])age$/i.test(field);
}

const TARGET_BANDS = 6;

/**
 * Equal-width bands with a "nice" width (1, 2, 2.5 or 5 × 10ⁿ) covering [min, max], about six of them.
 * Integer data gets integer widths and labels such as "300–399".
 */
export function niceBands(min: number, max: number, integers: boolean): Bands {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return { thresholds: [], labels: [], dropEmpty: false };
  const raw = (max - min) / TARGET_BANDS;
  let step = 1;
  if (raw > 0) {
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const norm = raw / magnitude;
    step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * magnitude;
  }
  if (integers) step = Math.max(1, Math.ceil(step));
  const lo = Math.floor(min / step) * step;
  const thresholds: number[] = [];
  for (let k = 1; round(lo + k * step) <= max; k++) thresholds.push(round(lo + k * step));
  const bounds = [round(lo), ...thresholds];
  const labels = bounds.map((a, i) => {
    const b = round(a + step);
    if (integers) return step === 1 ? String(a) : `${a}–${b - 1}`;
    return `${a} to under ${b}`;
  });
  return { thresholds, labels, dropEmpty: false };
}

/** Rounds away binary noise (0.1 + 0.2) so bounds print as typed. */
const round = (n: number) => Number(n.toPrecision(12));

/** Over, under or even representation, or too few people to say. */
export function classifyIndex(index: number | null, members: number, expectedMembers: number): Representation {
  if (index === null || Math.max(members, expectedMembers) < MIN_SIGNAL_MEMBERS) return "too_few";
  if (index >= INDEX_HIGH) return "over";
  if (index <= INDEX_LOW) return "under";
  return "even";
}
