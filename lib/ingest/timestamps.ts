import { MAX_YEAR, MIN_YEAR } from "./limits";

// ISO 8601 as clients send it: date, optional time, optional fraction, optional zone.
const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(\.\d+)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function inRange(date: Date): boolean {
  const year = date.getUTCFullYear();
  return Number.isFinite(date.getTime()) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/**
 * Parses an ISO 8601 timestamp, or returns null. A time without zone is read as UTC (never the
 * server's local zone), and only years 1970–9999 are accepted so every stored time is chartable.
 */
export function parseTimestamp(value: string): Date | null {
  const m = ISO.exec(value);
  if (!m) return null;
  const [, date, hm, sec, frac, zone] = m;
  if (!hm) return check(new Date(`${date}T00:00:00Z`));
  const ms = frac ? frac.slice(0, 4).padEnd(4, "0") : "";
  const tz = !zone || zone === "z" || zone === "Z" ? "Z" : normalizeZone(zone);
  return check(new Date(`${date}T${hm}${sec ?? ":00"}${ms}${tz}`));
}

function normalizeZone(zone: string): string {
  const digits = zone.slice(1).replace(":", "");
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || "00"}`;
}

function check(date: Date): Date | null {
  return inRange(date) ? date : null;
}

/**
 * The event time, corrected for the client's clock as Segment does:
 * `receivedAt - (sentAt - timestamp)`. Without sentAt the client's time is trusted; without any
 * timestamp the event happened when it arrived. A correction that lands outside the accepted
 * years (a wildly wrong sentAt) is ignored rather than failing the batch.
 */
export function correctTimestamp(clientTimestamp: Date | null, sentAt: Date | null, receivedAt: Date): Date {
  if (!clientTimestamp) return receivedAt;
  if (!sentAt) return clientTimestamp;
  const corrected = new Date(receivedAt.getTime() - (sentAt.getTime() - clientTimestamp.getTime()));
  return inRange(corrected) ? corrected : clientTimestamp;
}

/** Start of the UTC day, as `date_trunc('day', ts, 'UTC')` computes it for rollups. */
export function utcDay(date: Date): Date {
  const DAY = 86_400_000;
  return new Date(Math.floor(date.getTime() / DAY) * DAY);
}
