/** Formatting shared by server and client components; a fixed locale keeps both renders identical. */

const LOCALE = "en-US";
const integer = new Intl.NumberFormat(LOCALE);
const compact = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });
const dayMonth = new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat(LOCALE, { weekday: "short", month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const date = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeZone: "UTC" });

/** 12345 → "12,345". */
export const formatNumber = (n: number): string => integer.format(n);
/** 12345 → "12.3K". */
export const formatCompact = (n: number): string => compact.format(n);
/** 0.345 → "35%". */
export const formatPercent = (ratio: number): string => percent.format(ratio);

/** A UTC day key `YYYY-MM-DD` as "Nov 3" (short) or "Mon, Nov 3, 2025" (long). */
export function formatDay(day: string, style: "short" | "long" = "short"): string {
  const instant = new Date(`${day}T00:00:00Z`);
  return (style === "short" ? dayMonth : longDay).format(instant);
}

/** An instant (Date or ISO string) as "Nov 3, 2025, 2:05 PM UTC"; null as "—". */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return `${dateTime.format(new Date(value))} UTC`;
}

/** An instant as "Nov 3, 2025"; null as "—". */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return date.format(new Date(value));
}
