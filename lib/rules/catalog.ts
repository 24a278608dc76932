/**
 * What a workspace's rules can refer to: trait and context fields with their types and example
 * values, and event names with their property keys. `discoverCatalog` builds one from the data;
 * the builder and `parse` read it. Plain JSON, so it can be cached and sent to the browser.
 */
import { BUILTIN_FIELDS } from "./fields";

export type FieldType = "string" | "number" | "boolean" | "date" | "list";
export type ExampleValue = string | number | boolean;

export interface CatalogField {
  /** `traits.<key>`, `context.<key>` (dots descend into objects) or a built-in such as `user_id`. */
  field: string;
  type: FieldType;
  label?: string;
  /** The most frequent values in the sample, most frequent first. */
  examples: ExampleValue[];
  builtin?: boolean;
}

export interface CatalogProperty {
  /** Key in the event's properties; dots descend into objects. */
  property: string;
  type: FieldType;
  examples: ExampleValue[];
}

export interface CatalogEvent {
  event: string;
  properties: CatalogProperty[];
}

export interface Catalog {
  fields: CatalogField[];
  events: CatalogEvent[];
  /** Segment names for `describe`; optional. */
  segments?: { key: string; name: string }[];
}

export interface CatalogIndex {
  fields: Map<string, CatalogField>;
  events: Map<string, { event: CatalogEvent; properties: Map<string, CatalogProperty> }>;
  segmentNames: Map<string, string>;
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

/** Lookup maps over a catalog (built-in fields always included), cached per catalog object. */
export function indexCatalog(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (index) return index;
  index = {
    fields: new Map([...BUILTIN_FIELDS, ...catalog.fields].map((f) => [f.field, f])),
    events: new Map(
      catalog.events.map((e) => [e.event, { event: e, properties: new Map(e.properties.map((p) => [p.property, p])) }]),
    ),
    segmentNames: new Map((catalog.segments ?? []).map((s) => [s.key, s.name])),
  };
  indexes.set(catalog, index);
  return index;
}
