/** Wording of audit log entries (pure; the panel and its tests use it). */

const NOUNS: Record<string, string> = { segment: "Segment", experience: "Experience", slot: "Slot", member: "Member", api_key: "API key", profile: "Profile", workspace: "Workspace" };

/** "segment.updated" → "Segment updated", "member.role_changed" → "Member role changed". */
export function describeAction(action: string): string {
  const [type, verb = ""] = action.split(".");
  return `${NOUNS[type] ?? type} ${verb.replaceAll("_", " ")}`.trim();
}

/** The top-level fields that differ between before and after (all of them for a creation or a deletion). */
export function changedFields(before: unknown, after: unknown): { key: string; before?: string; after?: string }[] {
  const obj = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const b = obj(before);
  const a = obj(after);
  const show = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((key) => show(b[key]) !== show(a[key]))
    .map((key) => ({ key, before: show(b[key]), after: show(a[key]) }));
}

