/**
 * A small in-memory cache of computed insight answers: each key keeps its (pending or settled)
 * promise for `ttlMs`, failures are forgotten at once, and the oldest entry goes when `max` is
 * passed. Answers carry their own `asOf`, so a cached one says how fresh it is.
 */
export function answerCache<T>(options: { ttlMs: number; max: number }) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return function cached(key: string, compute: () => Promise<T>, refresh = false): Promise<T> {
    const now = Date.now();
    const hit = entries.get(key);
    if (!refresh && hit && now - hit.at < options.ttlMs) return hit.value;
    const value = compute();
    entries.set(key, { at: now, value });
    value.catch(() => entries.delete(key));
    if (entries.size > options.max) entries.delete(entries.keys().next().value!);
    return value;
  };
}
