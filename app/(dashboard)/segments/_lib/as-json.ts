import "server-only";

/** Dates become ISO strings exactly as the JSON API returns them, so prefetched and fetched data match. */
export function asJson<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}
