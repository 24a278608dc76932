/** One problem found in a rule, with the JSON path of the offending node or value. */
export interface RuleError {
  path: (string | number)[];
  message: string;
  code: RuleErrorCode;
  /** For segment_cycle: the chain of segment keys, first and last equal. */
  cycle?: string[];
}

export type RuleErrorCode =
  | "invalid_shape"
  | "too_large"
  | "unknown_field"
  | "unknown_event"
  | "unknown_property"
  | "operator_mismatch"
  | "invalid_value"
  | "unknown_segment"
  | "segment_cycle";

/** "Did you mean …?" for a misspelled name, or "" when nothing is close. */
export function suggest(name: string, candidates: Iterable<string>): string {
  let best = "";
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const candidate of candidates) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best ? ` Did you mean "${best}"?` : "";
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** A short list of names for messages: the first few, then "…". */
export function listNames(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`).join(", ");
  return names.length > max ? `${shown}, …` : shown || "(none yet)";
}
