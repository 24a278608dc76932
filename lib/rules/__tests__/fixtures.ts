/**
 * Shared test data for the rule engines: a fixed `now`, a catalog, and value pools that collide on
 * purpose (case variants, numbers around comparison values, timestamps exactly on window edges).
 */
import type { Catalog } from "../catalog";

export const NOW = new Date("2025-06-15T12:00:00.000Z");
export const T = NOW.getTime();
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();

/** A key that would break naive SQL building; it must round-trip as a bound parameter. */
export const HOSTILE_KEY = "o'neil\"; drop table profiles; --";

export const TEST_CATALOG: Catalog = {
  fields: [
    { field: "traits.plan", type: "string", examples: ["pro", "free"] },
    { field: "traits.age", type: "number", examples: [30, 41] },
    { field: "traits.score", type: "number", examples: [] },
    { field: "traits.vip", type: "boolean", examples: [true] },
    { field: "traits.signup_at", type: "date", examples: [] },
    { field: "traits.renewal_at", type: "date", examples: [] },
    { field: "traits.tags", type: "list", examples: ["sports"] },
    { field: "traits.address.city", type: "string", examples: ["Berlin"] },
    { field: "traits.constructor", type: "string", examples: [] },
    { field: `traits.${HOSTILE_KEY}`, type: "string", examples: [] },
    { field: "context.country", type: "string", examples: ["US", "CA"] },
    { field: "context.utm_source", type: "string", examples: ["google"] },
  ],
  events: [
    {
      event: "Page Viewed",
      properties: [
        { property: "category", type: "string", examples: ["sports"] },
        { property: "duration", type: "number", examples: [] },
        { property: "page.section", type: "string", examples: [] },
      ],
    },
    {
      event: "Order Completed",
      properties: [
        { property: "revenue", type: "number", examples: [19.99] },
        { property: "currency", type: "string", examples: ["EUR"] },
        { property: "items", type: "list", examples: [] },
        { property: "placed_at", type: "date", examples: [] },
      ],
    },
    {
      event: "Product Added",
      properties: [
        { property: "price", type: "number", examples: [] },
        { property: "category", type: "string", examples: [] },
      ],
    },
    {
      event: "Signed Up",
      properties: [
        { property: "method", type: "string", examples: ["google"] },
        { property: "trial", type: "boolean", examples: [] },
      ],
    },
  ],
  segments: [
    { key: "vip", name: "VIP customers" },
    { key: "active", name: "Active readers" },
  ],
};

export const STRINGS = [
  "US", "us", "Us", "CA", "ca", "DE", "", " US", "United States", "pro", "Pro", "PRO", "free", "sports",
  "Sports", "news", HOSTILE_KEY, "a_b%", "ä", "Ä", "straße", "STRASSE", "50",
];
export const NEEDLES = ["u", "S", "pro", "o'n", "%", "_", "ä", "Ä", "a", "ss", "SS", " ", "US"];
export const NUMBERS = [-1, 0, 1, 2, 3, 5, 10, 0.1, 0.2, 0.3, 0.30000000000000004, 2.5, 19.99, 0.01, 20, 100, 1e21, 5e-7];
/** Event amounts whose float sums are inexact (0.1 + 0.2, 19.99 + 0.01) next to the values rules compare with. */
export const AMOUNTS = [0.1, 0.2, 0.3, 0.1, 0.2, 0.7, 19.99, 0.01, 1, 2, -1, 1e21];
export const AMOUNT_BOUNDS = [0, 0.3, 0.3, 0.6, 0.6, 0.15, 0.15, 0.4, 1, 20, 20.01, 0.5, 1e21, 10.005, 0.30000000000000004];
/** Date strings that parse, including several spellings of the same instants. */
export const VALID_DATES = [
  iso(T), iso(T - DAY), iso(T - 7 * DAY), iso(T - 30 * DAY), iso(T - 30 * DAY + 1), iso(T - DAY - 1),
  "2025-06-15", "2025-06-14", "2025-06-14T14:00:00+02:00", "2025-06-14 12:00", "2025-06-14T12:00",
  "2024-02-29", "2025-06-16", "2025-05-16T12:00:00.5Z", "2025-06-15T12:00:00.000+00:00", "2025-06-08T07:00-05:00",
];
export const INVALID_DATES = ["2023-02-29", "2025-13-01", "not a date", "2025-06-15T24:00:00Z", "2025-6-15", "2025-06-15T12:00:00.0001Z"];
export const LISTS: unknown[] = [["sports", "music"], ["Sports"], [], [1, 2], ["US", 1, null, true], [["sports"]], ["1", "MUSIC", 2.5]];
export const OTHERS: unknown[] = [null, true, false, { a: 1 }, "true"];

/** Instants for event timestamps and seen-at columns: window edges, ±1 ms, the future. */
export const INSTANTS = [
  T, T + 1, T - 1, T + DAY, T - 60 * MINUTE, T - 2 * HOUR, T - 24 * HOUR, T - DAY + 1, T - DAY - 1,
  T - 7 * DAY, T - 7 * DAY + 1, T - 30 * DAY, T - 30 * DAY + 1, T - 10 * DAY, T - 2 * DAY,
  Date.UTC(2025, 5, 1), Date.UTC(2025, 5, 14), Date.UTC(2025, 5, 16), T - 40 * DAY,
];
