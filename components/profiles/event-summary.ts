/** Picks the few properties of an event a marketer scans for, in a fixed order. */
import { compactValue } from "./profile-format";

// Order matters: what an event is about first, then money, then identifiers.
const KEY_PROPERTIES = [
  "category", "name", "title", "query", "origin", "destination", "revenue", "value", "price",
  "products", "passengers", "campaign", "plan", "order_id", "booking_id", "path",
] as const;
const MONEY = new Set(["revenue", "value", "price"]);
const MAX_SHOWN = 5;

export interface PropertyChip {
  key: string;
  value: string;
}

function money(amount: number, currency: unknown): string {
  if (typeof currency === "string" && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount);
    } catch {
      // An unknown ISO code: fall through to the plain number.
    }
  }
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(amount);
}

/** Up to five `key: value` pairs of the event's properties, money formatted with its currency. */
export function keyProperties(properties: Record<string, unknown>): PropertyChip[] {
  const chips: PropertyChip[] = [];
  for (const key of KEY_PROPERTIES) {
    if (chips.length >= MAX_SHOWN) break;
    const value = properties[key];
    if (value === undefined || value === null || value === "") continue;
    if (MONEY.has(key) && typeof value === "number") chips.push({ key, value: money(value, properties.currency) });
    else if (Array.isArray(value)) chips.push({ key, value: `${value.length} ${value.length === 1 ? "item" : "items"}` });
    else if (typeof value === "object") continue;
    else chips.push({ key, value: compactValue(value) });
  }
  return chips;
}
