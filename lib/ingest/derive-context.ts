import { UAParser } from "ua-parser-js";
import type { IngestMessage, Json } from "./types";

/** The "last known context" fields kept on a profile (all strings). */
export const PROFILE_CONTEXT_FIELDS = [
  "device_type", "browser", "os", "country", "region", "city", "locale", "timezone",
  "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "referrer", "page_url", "page_path",
] as const;
export type ProfileContext = Partial<Record<(typeof PROFILE_CONTEXT_FIELDS)[number], string>>;

const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

// Parsing a user agent costs ~50–150 µs and the same few hundred strings come back all day, so
// results are cached (insertion-ordered Map as a small LRU).
const UA_CACHE_SIZE = 1000;
const uaCache = new Map<string, { device_type?: string; browser?: string; os?: string }>();

/** Device type, browser and OS from a user-agent string; a desktop UA reports no device type. */
export function parseUserAgent(ua: string) {
  const hit = uaCache.get(ua);
  if (hit) {
    uaCache.delete(ua);
    uaCache.set(ua, hit);
    return hit;
  }
  const r = UAParser(ua);
  const known = Boolean(r.browser.name || r.os.name);
  const parsed = { device_type: r.device.type ?? (known ? "desktop" : undefined), browser: r.browser.name, os: r.os.name };
  uaCache.set(ua, parsed);
  if (uaCache.size > UA_CACHE_SIZE) uaCache.delete(uaCache.keys().next().value!);
  return parsed;
}

/**
 * Profile context fields stated by one message. Explicit `context.device`/`context.os` (sent by
 * mobile libraries) win over the parsed user agent; `country` falls back to the edge header.
 */
export function deriveContext(m: IngestMessage, fallbackCountry?: string | null): ProfileContext {
  const c = m.context;
  const page = obj(c.page);
  const isPage = m.type === "page";
  const location = obj(c.location);
  const campaign = obj(c.campaign);
  const ua = str(c.userAgent);
  const explicit = { device_type: str(obj(c.device).type), os: str(obj(c.os).name) };
  const parsed = ua && !(explicit.device_type && explicit.os) ? parseUserAgent(ua) : {};
  const fields: ProfileContext = {
    device_type: explicit.device_type ?? parsed.device_type,
    browser: parsed.browser,
    os: explicit.os ?? parsed.os,
    country: str(location.country) ?? fallbackCountry ?? undefined,
    region: str(location.region),
    city: str(location.city),
    locale: str(c.locale),
    timezone: str(c.timezone),
    utm_source: str(campaign.source),
    utm_medium: str(campaign.medium),
    utm_campaign: str(campaign.name),
    utm_term: str(campaign.term),
    utm_content: str(campaign.content),
    referrer: str(page.referrer) ?? str(obj(c.referrer).url) ?? (isPage ? str(m.properties.referrer) : undefined),
    page_url: str(page.url) ?? (isPage ? str(m.properties.url) : undefined),
    page_path: str(page.path) ?? (isPage ? str(m.properties.path) : undefined),
  };
  // A fresh object with the stated fields only (deleting keys would make V8 turn it into a slow dictionary).
  const stated: ProfileContext = {};
  for (const k of PROFILE_CONTEXT_FIELDS) if (fields[k] !== undefined) stated[k] = fields[k];
  return stated;
}
