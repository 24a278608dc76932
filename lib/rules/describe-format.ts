/** Wording helpers for `describe`: labels, values, dates, lists and country names. */
import { parseIsoDate } from "./iso-date";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const ACRONYMS: Record<string, string> = { utm: "UTM", id: "ID", url: "URL", os: "OS", ip: "IP" };
const COUNTRIES: Record<string, string> = {
  us: "the US", ca: "Canada", gb: "the UK", uk: "the UK", de: "Germany", fr: "France", es: "Spain", it: "Italy",
  nl: "the Netherlands", be: "Belgium", ch: "Switzerland", at: "Austria", se: "Sweden", no: "Norway", dk: "Denmark",
  fi: "Finland", ie: "Ireland", pl: "Poland", pt: "Portugal", au: "Australia", nz: "New Zealand", jp: "Japan",
  cn: "China", in: "India", br: "Brazil", mx: "Mexico", za: "South Africa", sg: "Singapore", ar: "Argentina",
};

/** "utm_source" → "UTM source"; "address.city" → "address city". */
export function humanize(key: string): string {
  return key
    .split(/[._\s]+/)
    .filter(Boolean)
    .map((word) => ACRONYMS[word.toLowerCase()] ?? word)
    .join(" ");
}

/** A value as it reads in a sentence: text quoted, numbers plain. */
export function quote(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

/** "a", "a or b", "a, b or c". */
export function joinWords(words: readonly string[], conjunction: "and" | "or"): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

/** "2024-05-01" → "May 1, 2024"; a date-time adds "HH:MM UTC". */
export function formatDate(iso: string): string {
  const ms = parseIsoDate(iso);
  if (Number.isNaN(ms)) return quote(iso);
  const d = new Date(ms);
  const day = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
  if (!iso.includes("T") && !iso.includes(" ")) return day;
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${day} ${hh}:${mm} UTC`;
}

/** "1 day", "7 days". */
export function plural(n: number, unit: string): string {
  return `${n} ${n === 1 ? unit : `${unit}s`}`;
}

/** "in the last day", "in the last 30 days". */
export function lastPeriod(n: number, unit: "minute" | "hour" | "day"): string {
  return n === 1 ? `in the last ${unit}` : `in the last ${plural(n, unit)}`;
}

/** "the US" for "us", or the quoted code when it is not a known country. */
export function countryName(code: string | number): string {
  return COUNTRIES[String(code).toLowerCase()] ?? quote(code);
}

/** "a" or "an" before a word. */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}
