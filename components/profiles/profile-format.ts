/** Display helpers for profiles and their events, shared by the list, the detail page and the timeline. */
import { formatNumber } from "@/components/format";
import type { ProfileView } from "./types";

const str = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

/** "Ada Lovelace" from `name`, `first_name`/`last_name` or `firstName`/`lastName`; null when none. */
export function profileName(traits: Record<string, unknown>): string | null {
  const full = str(traits.name);
  if (full) return full;
  const first = str(traits.first_name) ?? str(traits.firstName);
  const last = str(traits.last_name) ?? str(traits.lastName);
  return [first, last].filter(Boolean).join(" ") || null;
}

export function profileEmail(traits: Record<string, unknown>): string | null {
  return str(traits.email);
}

/** The best one-line label for a person: name, then email, then user id, else "Anonymous visitor". */
export function profileLabel(profile: Pick<ProfileView, "traits" | "userId">): string {
  return profileName(profile.traits) ?? profileEmail(profile.traits) ?? profile.userId ?? "Anonymous visitor";
}

/** A trait or property value on one line: strings as they are, the rest as compact JSON. */
export function compactValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : formatNumber(value);
  return JSON.stringify(value);
}

/** A short string for a trait or context value that should be a string; otherwise null. */
export function textValue(value: unknown): string | null {
  if (typeof value === "string") return str(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}
