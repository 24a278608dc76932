import type { Json } from "./types";

export interface Consent {
  personalization?: boolean;
  analytics?: boolean;
}

// Consent category names are chosen by each site (Segment's consent spec); these are the ones
// Tailor acts on, matched case-insensitively.
const CATEGORY: Record<string, keyof Consent> = {
  personalization: "personalization",
  personalisation: "personalization",
  analytics: "analytics",
};

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** The preferences object of either accepted form: `{ categoryPreferences: {...} }` or flat. */
function preferences(value: unknown): Json | null {
  if (!isObject(value)) return null;
  return isObject(value.categoryPreferences) ? value.categoryPreferences : value;
}

/** Problems with a consent object, as paths relative to it; unknown categories are ignored. */
export function consentProblems(value: unknown): { path: string[]; message: string }[] {
  if (value === undefined || value === null) return [];
  const prefs = preferences(value);
  if (!prefs) return [{ path: [], message: "consent must be an object such as { personalization: false }" }];
  const base = prefs === value ? [] : ["categoryPreferences"];
  return Object.entries(prefs)
    .filter(([k, v]) => CATEGORY[k.toLowerCase()] && typeof v !== "boolean")
    .map(([k]) => ({ path: [...base, k], message: "consent categories must be true or false" }));
}

/** Reads consent from one consent object; missing categories stay undefined. */
export function readConsent(value: unknown): Consent {
  const prefs = preferences(value);
  const consent: Consent = {};
  if (!prefs) return consent;
  for (const [k, v] of Object.entries(prefs)) {
    const category = CATEGORY[k.toLowerCase()];
    if (category && typeof v === "boolean") consent[category] = v;
  }
  return consent;
}

/** Consent stated by a message: `context.consent`, then a `consent` trait (which wins). */
export function consentOfMessage(context: Json, traits: Json): Consent {
  return { ...readConsent(context.consent), ...readConsent(traits.consent) };
}
