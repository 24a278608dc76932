/**
 * Schedules are stored as instants and shown in the experience's time zone. The editor works in
 * wall-clock `YYYY-MM-DDTHH:mm` (what <input type="datetime-local"> holds) and converts with Intl,
 * so daylight-saving changes are handled by the browser's time zone data.
 */

function partsIn(ms: number, timeZone: string): number[] {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return [get("year"), get("month"), get("day"), get("hour"), get("minute"), get("second")];
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (Paris in winter → 3,600,000). */
function offsetAt(ms: number, timeZone: string): number {
  const [y, mo, d, h, mi, s] = partsIn(ms, timeZone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(ms / 1000) * 1000;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** "2025-06-01T09:00" in Europe/Paris → "2025-06-01T07:00:00.000Z"; "" → null; unparsable → undefined. */
export function wallClockToIso(local: string, timeZone: string): string | null | undefined {
  if (!local) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m || !isTimeZone(timeZone)) return undefined;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let ms = guess - offsetAt(guess, timeZone);
  // Near a DST change the offset at the result may differ from the one at the guess.
  ms = guess - offsetAt(ms, timeZone);
  return new Date(ms).toISOString();
}

/** An instant as wall-clock `YYYY-MM-DDTHH:mm` in `timeZone`; null → "". */
export function isoToWallClock(iso: string | null, timeZone: string): string {
  if (!iso) return "";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const [y, mo, d, h, mi] = partsIn(ms, isTimeZone(timeZone) ? timeZone : "UTC");
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`;
}

const shortFormat = (timeZone: string) => new Intl.DateTimeFormat("en-US", { timeZone: isTimeZone(timeZone) ? timeZone : "UTC", month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" });

/** "Always", "From Jun 1, 2025, 9:00 AM", "Until …", "Jun 1 → Jun 30 …" in the experience's time zone. */
export function describeSchedule(start: string | null, end: string | null, timeZone: string): string {
  if (!start && !end) return "Always";
  const f = shortFormat(timeZone);
  const zone = timeZone === "UTC" ? "UTC" : timeZone.replace(/_/g, " ");
  if (start && end) return `${f.format(new Date(start))} → ${f.format(new Date(end))} (${zone})`;
  if (start) return `From ${f.format(new Date(start))} (${zone})`;
  return `Until ${f.format(new Date(end!))} (${zone})`;
}

/** Whether `now` is before, inside or after the schedule. */
export function schedulePhase(start: string | null, end: string | null, now = Date.now()): "upcoming" | "running" | "ended" {
  if (start && Date.parse(start) > now) return "upcoming";
  if (end && Date.parse(end) <= now) return "ended";
  return "running";
}

/** Every IANA time zone the browser knows (UTC first). */
export function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...all.filter((z) => z !== "UTC")];
}
