import { MAX_DEPTH } from "./limits";

export interface JsonProblem {
  path: string[];
  message: string;
}

export interface JsonInspection {
  problems: JsonProblem[];
  /** An upper bound of the value's JSON size in bytes (6 bytes per UTF-16 unit covers escapes). */
  maxBytes: number;
}

// NUL cannot be stored by PostgreSQL (text or jsonb), and lone UTF-16 surrogates are not valid
// Unicode: either would fail the insert, so they are refused up front with a path.
// (isWellFormed is Node 20+, which package.json requires; it is 4x faster than a /\p{Cs}/u test.)
const unstorable = (s: string) => s.includes("\u0000") || !(s as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * Finds what valid JSON may still hold that Tailor cannot store or should not accept: nesting
 * deeper than MAX_DEPTH (the message's own fields are level 1), NUL characters, lone surrogates
 * and non-finite numbers (`1e400` parses to Infinity). Recursion stops at the depth limit, so a
 * hostile 100,000-level document costs no more than an 11-level one.
 */
export function inspectJson(value: unknown, limit = 5): JsonInspection {
  const problems: JsonProblem[] = [];
  const path: string[] = [];
  let maxBytes = 0;
  const report = (message: string) => problems.push({ path: [...path], message });

  const visit = (v: unknown, depth: number): void => {
    if (typeof v === "string") {
      maxBytes += 6 * v.length + 2;
      if (unstorable(v)) report("must not contain NUL characters or unpaired surrogates");
    } else if (typeof v === "number") {
      maxBytes += 24;
      if (!Number.isFinite(v)) report("must be a finite number");
    } else if (v === null || typeof v !== "object") {
      maxBytes += 5;
    } else if (depth > MAX_DEPTH) {
      report(`is nested more than ${MAX_DEPTH} levels deep`);
    } else if (Array.isArray(v)) {
      maxBytes += 2 + v.length;
      for (let i = 0; i < v.length && problems.length < limit; i++) {
        path.push(String(i));
        visit(v[i], depth + 1);
        path.pop();
      }
    } else {
      maxBytes += 2;
      for (const k in v) {
        if (problems.length >= limit) break;
        path.push(k);
        maxBytes += 6 * k.length + 4;
        if (unstorable(k)) report("has a key with NUL characters or unpaired surrogates");
        visit((v as Record<string, unknown>)[k], depth + 1);
        path.pop();
      }
    }
  };

  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    // The message itself is level 0: its fields (properties, traits, context …) are level 1.
    maxBytes += 2;
    for (const k in value) {
      path.push(k);
      maxBytes += 6 * k.length + 4;
      visit((value as Record<string, unknown>)[k], 1);
      path.pop();
    }
  } else {
    visit(value, 0);
  }
  return { problems, maxBytes };
}
