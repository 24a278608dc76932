/**
 * Reads a dotted path out of a JSON object the way PostgreSQL's `->` does: it only descends into
 * objects (never arrays or strings) and only sees own keys, so `traits.constructor` is missing
 * rather than `Object.prototype.constructor`.
 */
export type JsonGetter = (object: Record<string, unknown> | null | undefined) => unknown;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function readKey(key: string): (object: Record<string, unknown>) => unknown {
  // Keys that also name Object.prototype members need an own-property check; the rest do not.
  if (key in Object.prototype) return (o) => (Object.hasOwn(o, key) ? o[key] : undefined);
  return (o) => o[key];
}

/** Compiles a path (already split into keys) into a reader. */
export function compileJsonGetter(path: readonly string[]): JsonGetter {
  const readers = path.map(readKey);
  if (readers.length === 1) {
    const read = readers[0];
    return (o) => (isObject(o) ? read(o) : undefined);
  }
  return (o) => {
    let value: unknown = o;
    for (let i = 0; i < readers.length; i++) {
      if (!isObject(value)) return undefined;
      value = readers[i](value);
    }
    return value;
  };
}
