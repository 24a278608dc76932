/**
 * Case folding shared by both engines. Only ASCII A–Z are folded: PostgreSQL's `lower()` folds
 * other letters depending on the database's locale, JavaScript's `toLowerCase` by Unicode, and the
 * two engines must agree everywhere. SQL folds with `translate(x, ASCII_UPPER, ASCII_LOWER)`.
 * The comparison helpers fold as they go, so the evaluator's hot path allocates no strings.
 */
export const ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz";

/** Lower-cases ASCII letters only; returns the same string when there are none. */
export function foldAscii(s: string): string {
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper ? s.toLowerCase() : s;
}

/** Whether s, ASCII-folded, has `folded` (already folded) at position `at`. */
export function foldedMatchAt(s: string, folded: string, at: number): boolean {
  if (at < 0 || at + folded.length > s.length) return false;
  for (let i = 0; i < folded.length; i++) {
    let c = s.charCodeAt(at + i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== folded.charCodeAt(i)) return false;
  }
  return true;
}

/** foldAscii(s) === folded, without building foldAscii(s). */
export function foldedEquals(s: string, folded: string): boolean {
  return s.length === folded.length && foldedMatchAt(s, folded, 0);
}

/** foldAscii(s).includes(folded), without building foldAscii(s). */
export function foldedIncludes(s: string, folded: string): boolean {
  const last = s.length - folded.length;
  for (let at = 0; at <= last; at++) if (foldedMatchAt(s, folded, at)) return true;
  return false;
}
