/**
 * Every TanStack Query key of the dashboard, in one place. Keys start with the workspace slug so
 * that switching workspace can never show one workspace's cached data in another.
 */
export const queryKeys = {
  workspace: (slug: string) => ["workspace", slug] as const,
  apiKeys: (slug: string) => ["workspace", slug, "api-keys"] as const,
  members: (slug: string) => ["workspace", slug, "members"] as const,
  /** Audit log pages (infinite query); `entityType` is "" for everything. */
  audit: (slug: string, entityType: string) => ["workspace", slug, "audit", entityType] as const,
  overview: (slug: string) => ["workspace", slug, "overview"] as const,
  catalog: (slug: string) => ["workspace", slug, "catalog"] as const,
  /** Every segment query of a workspace; invalidate this after any segment change. */
  segmentsAll: (slug: string) => ["workspace", slug, "segments"] as const,
  segments: (slug: string, filters: { q: string; tag: string; status: "active" | "archived" | "all" }) =>
    ["workspace", slug, "segments", "list", filters] as const,
  segment: (slug: string, key: string) => ["workspace", slug, "segments", "one", key] as const,
  segmentVersions: (slug: string, key: string) => ["workspace", slug, "segments", "one", key, "versions"] as const,
  segmentMembers: (slug: string, key: string) => ["workspace", slug, "segments", "one", key, "members"] as const,
  /** Size of a saved segment, counted on demand when the list has no recent count. */
  segmentSize: (slug: string, key: string) => ["workspace", slug, "segments", "one", key, "size"] as const,
  /** A live preview of an unsaved rule; `rule` is its JSON text so equal rules share a cache entry. */
  segmentPreview: (slug: string, rule: string, segmentKey: string | null) =>
    ["workspace", slug, "segment-preview", rule, segmentKey] as const,
  /** Every profile query of a workspace; invalidate this after deleting a profile. */
  profilesAll: (slug: string) => ["workspace", slug, "profiles"] as const,
  /** Profile search pages (infinite query); `q` is the trimmed search text. */
  profiles: (slug: string, q: string) => ["workspace", slug, "profiles", "list", q] as const,
  profile: (slug: string, id: string) => ["workspace", slug, "profiles", "one", id] as const,
  /** A profile's timeline pages (infinite query); `event` is "" for all events. */
  profileEvents: (slug: string, id: string, event: string) => ["workspace", slug, "profiles", "one", id, "events", event] as const,
  /** CSV imports (lib/imports): the list and one job, polled while it runs. */
  imports: (slug: string) => ["workspace", slug, "imports"] as const,
  importJob: (slug: string, id: string) => ["workspace", slug, "imports", id] as const,
  /** Outbound webhooks (lib/webhooks) and their delivery log. */
  webhooks: (slug: string) => ["workspace", slug, "webhooks"] as const,
  webhookDeliveries: (slug: string) => ["workspace", slug, "webhooks", "deliveries"] as const,
  /** Pairwise overlap of the chosen segments (lib/insights/overlap); `keys` in the order shown. */
  segmentOverlap: (slug: string, keys: string[]) => ["workspace", slug, "insights", "overlap", keys.join(",")] as const,
  /** Members of one overlap cell (infinite query). */
  segmentOverlapMembers: (slug: string, a: string, b: string) => ["workspace", slug, "insights", "overlap", "members", a, b] as const,
  /** A segment's members by one field vs all profiles (lib/insights/breakdown); `by` is "" for the default field. */
  segmentBreakdown: (slug: string, key: string, by: string) => ["workspace", slug, "segments", "one", key, "breakdown", by] as const,
  /** Daily size of a segment over the last `days` days (lib/insights/segment-size-history). */
  segmentSizeHistory: (slug: string, key: string, days: number) => ["workspace", slug, "segments", "one", key, "size-history", days] as const,
  /** Results of one experience with lift and series (lib/insights/experience-results). */
  experienceResults: (slug: string, key: string) => ["workspace", slug, "insights", "experience-results", key] as const,
  /** Personalization authoring (components/personalization): slots, experiences, versions, the variant preview. */
  personalizationAll: (slug: string) => ["workspace", slug, "personalization"] as const,
  slots: (slug: string) => ["workspace", slug, "personalization", "slots"] as const,
  slot: (slug: string, key: string) => ["workspace", slug, "personalization", "slots", key] as const,
  experiences: (slug: string) => ["workspace", slug, "personalization", "experiences"] as const,
  experience: (slug: string, key: string) => ["workspace", slug, "personalization", "experiences", key] as const,
  experienceVersions: (slug: string, key: string) => ["workspace", slug, "personalization", "experiences", key, "versions"] as const,
  /** A rendered variant preview; `input` is the JSON text of slot, content and visitor. */
  variantPreview: (slug: string, input: string) => ["workspace", slug, "variant-preview", input] as const,
  /** Preview as a visitor (lib/personalization/preview): `request` is the JSON body sent. */
  preview: (slug: string, request: string) => ["workspace", slug, "preview", request] as const,
} as const;
