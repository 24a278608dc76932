import { formatDateTime } from "@/components/format";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];
const rtf = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

/** An instant as "3 hours ago", "yesterday", "just now". */
export function formatRelative(value: Date | string, now: number = Date.now()): string {
  const diff = new Date(value).getTime() - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return "just now";
  for (const [unit, ms] of UNITS) {
    if (abs >= ms || unit === "minute") return rtf.format(Math.round(diff / ms), unit);
  }
  return "just now";
}

/**
 * A relative time with the exact UTC time on hover. Server and browser clocks differ by the time
 * the page took to arrive, hence suppressHydrationWarning.
 */
export function RelativeTime({ value, className }: { value: Date | string | null | undefined; className?: string }) {
  if (!value) return <span className={className}>—</span>;
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={formatDateTime(value)} className={className} suppressHydrationWarning>
      {formatRelative(value)}
    </time>
  );
}
