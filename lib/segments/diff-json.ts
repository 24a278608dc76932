/** One difference between two JSON values, at a path such as `rule.children.1.value`. */
export interface JsonChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A structural diff of two JSON values, leaf by leaf, in document order. */
export function diffJson(before: unknown, after: unknown, path = ""): JsonChange[] {
  if (Object.is(before, after)) return [];
  const join = (k: string | number) => (path ? `${path}.${k}` : String(k));
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: JsonChange[] = [];
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      if (i >= after.length) changes.push({ path: join(i), kind: "removed", before: before[i] });
      else if (i >= before.length) changes.push({ path: join(i), kind: "added", after: after[i] });
      else changes.push(...diffJson(before[i], after[i], join(i)));
    }
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const changes: JsonChange[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const k of keys) {
      if (!(k in after)) changes.push({ path: join(k), kind: "removed", before: before[k] });
      else if (!(k in before)) changes.push({ path: join(k), kind: "added", after: after[k] });
      else changes.push(...diffJson(before[k], after[k], join(k)));
    }
    return changes;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, kind: "changed", before, after }];
}
