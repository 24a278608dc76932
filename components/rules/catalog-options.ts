/** The catalog as picker options: fields grouped Traits / Context / Built-in, events, segments. */
import type { Catalog, CatalogField, CatalogProperty, FieldType } from "@/lib/rules/catalog";
import { BUILTIN_FIELDS } from "@/lib/rules/fields";
import type { PickerOption } from "./picker";

export const TYPE_LABELS: Record<FieldType, string> = {
  string: "text",
  number: "number",
  boolean: "yes/no",
  date: "date",
  list: "list",
};

const GROUP_ORDER = ["Traits", "Context", "Built-in"] as const;

function groupOf(field: string): (typeof GROUP_ORDER)[number] {
  if (field.startsWith("traits.")) return "Traits";
  return field.startsWith("context.") ? "Context" : "Built-in";
}

/** "traits.first_name" → "first_name"; a label from the catalog wins. */
export function fieldLabel(field: CatalogField | undefined, name: string): string {
  return field?.label ?? name.replace(/^(traits|context)\./, "");
}

/** Every field the catalog knows plus the built-ins, grouped and sorted by name within a group. */
export function fieldOptions(catalog: Catalog): PickerOption[] {
  const seen = new Set<string>();
  const all = [...catalog.fields, ...BUILTIN_FIELDS].filter((f) => !seen.has(f.field) && seen.add(f.field));
  return GROUP_ORDER.flatMap((group) =>
    all
      .filter((f) => groupOf(f.field) === group)
      // Built-ins keep their own order (user id, known, first seen, last seen).
      .sort((a, b) => (group === "Built-in" ? 0 : fieldLabel(a, a.field).localeCompare(fieldLabel(b, b.field))))
      .map((f) => ({ value: f.field, label: fieldLabel(f, f.field), group, hint: TYPE_LABELS[f.type], keywords: f.field })),
  );
}

/** The event's properties as options; `numericOnly` for sum/avg/min/max. */
export function propertyOptions(properties: readonly CatalogProperty[], numericOnly = false): PickerOption[] {
  return properties
    .filter((p) => !numericOnly || p.type === "number")
    .map((p) => ({ value: p.property, label: p.property, hint: TYPE_LABELS[p.type] }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function eventOptions(catalog: Catalog): PickerOption[] {
  return catalog.events
    .map((e) => ({ value: e.event, label: e.event, hint: e.properties.length ? `${e.properties.length} properties` : undefined }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Segments a rule may refer to: all but the one being edited (a segment cannot contain itself). */
export function segmentOptions(catalog: Catalog, excludeKey?: string): PickerOption[] {
  return (catalog.segments ?? [])
    .filter((s) => s.key !== excludeKey)
    .map((s) => ({ value: s.key, label: s.name, hint: s.key }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
