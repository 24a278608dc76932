import "server-only";

/**
 * The write key of an ingestion request: the user name of HTTP Basic auth with an empty password,
 * exactly as Segment libraries send it (`Basic base64("<key>:")`), else `writeKey` in the body.
 */
export function writeKeyFrom(request: Request, bodyWriteKey: string | null): string | null {
  const header = request.headers.get("authorization");
  if (header && /^basic\s+/i.test(header)) {
    const decoded = Buffer.from(header.replace(/^basic\s+/i, "").trim(), "base64").toString("utf8");
    const user = decoded.includes(":") ? decoded.slice(0, decoded.indexOf(":")) : decoded;
    if (user) return user;
  }
  return bodyWriteKey?.trim() || null;
}

// Edge/CDN headers carrying the visitor's country, most specific first. "XX" and "T1" are
// Cloudflare's "unknown" and "Tor" markers, not countries.
const COUNTRY_HEADERS = ["x-tailor-country", "x-vercel-ip-country", "cf-ipcountry", "x-country"];

/** The visitor's country from an edge header, used when messages carry no context.location.country. */
export function countryFrom(request: Request): string | null {
  for (const name of COUNTRY_HEADERS) {
    const value = request.headers.get(name)?.trim().toUpperCase();
    if (value && /^[A-Z]{2}$/.test(value) && value !== "XX" && value !== "T1") return value;
  }
  return null;
}
