/**
 * The API's validation problems (`details[].path`, like `["rules","1","audience"]`) looked up by
 * the control they belong to, so each message shows next to the exact field, rule or variant.
 */
import { ApiRequestError, type FieldProblem } from "@/components/api-client";

/** The problems with paths of a failed save (422, or a 409 that lists what it conflicts with). */
export function problemsOf(error: unknown): FieldProblem[] {
  return error instanceof ApiRequestError && (error.status === 422 || error.status === 409) ? error.details.map((d) => ({ ...d, path: d.path.map(String) })) : [];
}

const same = (a: readonly string[], b: readonly (string | number)[]) => a.length === b.length && b.every((s, i) => a[i] === String(s));
const startsWith = (a: readonly string[], prefix: readonly (string | number)[]) => prefix.every((s, i) => a[i] === String(s));

/** The first message exactly at `path`; null when there is none. */
export function messageAt(problems: readonly FieldProblem[], path: readonly (string | number)[]): string | null {
  return problems.find((p) => same(p.path, path))?.message ?? null;
}

/** Every message at or under `prefix`, joined; null when there is none. */
export function messagesUnder(problems: readonly FieldProblem[], prefix: readonly (string | number)[]): string | null {
  const found = problems.filter((p) => startsWith(p.path, prefix)).map((p) => p.message);
  return found.length ? [...new Set(found)].join(" ") : null;
}

/** The problems under `prefix` with `prefix` removed from their paths. */
export function problemsUnder(problems: readonly FieldProblem[], prefix: readonly (string | number)[]): FieldProblem[] {
  return problems.filter((p) => startsWith(p.path, prefix)).map((p) => ({ ...p, path: p.path.slice(prefix.length) }));
}
