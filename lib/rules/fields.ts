/**
 * Field names of the rule language and where their values live. Trait and context fields are
 * paths into the profile's JSON; built-ins are profile columns. Both engines resolve fields here.
 */
import type { CatalogField } from "./catalog";

export type BuiltinField = "user_id" | "known" | "first_seen_at" | "last_seen_at";

export type FieldRef =
  | { source: "traits" | "context"; path: string[] }
  | { source: BuiltinField; path?: undefined };

/** Columns every profile has, whatever its traits. */
export const BUILTIN_FIELDS: readonly CatalogField[] = [
  { field: "user_id", type: "string", label: "User ID", examples: [], builtin: true },
  { field: "known", type: "boolean", label: "Known (has a user ID)", examples: [true, false], builtin: true },
  { field: "first_seen_at", type: "date", label: "First seen", examples: [], builtin: true },
  { field: "last_seen_at", type: "date", label: "Last seen", examples: [], builtin: true },
];

/** Context keys the tracking snippet fills; offered even before data arrives. */
export const STANDARD_CONTEXT_KEYS = [
  "device", "browser", "os", "country", "city", "utm_source", "utm_medium", "utm_campaign", "referrer",
] as const;

const builtins = new Set<string>(BUILTIN_FIELDS.map((f) => f.field));
export const MAX_PATH_SEGMENTS = 4;

/** Splits a dotted JSON path into keys; null when a key is empty or the path is too deep. */
export function splitPath(path: string): string[] | null {
  const keys = path.split(".");
  if (keys.length > MAX_PATH_SEGMENTS || keys.some((k) => k.length === 0)) return null;
  return keys;
}

/** Where a field's value lives, or null when the name is not a field name at all. */
export function resolveField(field: string): FieldRef | null {
  if (builtins.has(field)) return { source: field as BuiltinField };
  const dot = field.indexOf(".");
  const source = field.slice(0, dot);
  if (dot < 0 || (source !== "traits" && source !== "context")) return null;
  const path = splitPath(field.slice(dot + 1));
  return path ? { source, path } : null;
}
