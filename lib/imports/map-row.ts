import { createHash } from "node:crypto";
import { MAX_CELL_CHARS, type ImportMapping, type RowError, type TraitType } from "./schemas";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0"]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

/** Converts one non-empty cell to its trait type; the message says what is wrong and what is expected. */
export function convertCell(raw: string, type: TraitType): Converted {
  const text = raw.trim();
  switch (type) {
    case "text":
      return { ok: true, value: raw };
    case "number": {
      const n = Number(text);
      if (!NUMBER.test(text) || !Number.isFinite(n)) return { ok: false, message: `"${clip(text)}" is not a number (use digits with a dot for decimals, no thousands separators)` };
      return { ok: true, value: n };
    }
    case "boolean": {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return { ok: false, message: `"${clip(text)}" is not a boolean (use true/false, yes/no or 1/0)` };
    }
    case "date": {
      const date = ISO_DATE.test(text) ? new Date(text.length === 10 ? `${text}T00:00:00Z` : text.replace(" ", "T")) : null;
      if (!date || Number.isNaN(date.getTime())) return { ok: false, message: `"${clip(text)}" is not a date (use ISO 8601: 2024-05-31 or 2024-05-31T14:30:00Z)` };
      return { ok: true, value: date.toISOString() };
    }
    default: {
      const never: never = type;
      throw new Error(`unknown trait type ${String(never)}`);
    }
  }
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The messageId of a row: the same file, mapping and row always give the same id, so a re-import is ignored. */
export function rowMessageId(fileHash: string, mappingHash: string, row: number): string {
  return `import-${createHash("sha256").update(`${fileHash}:${mappingHash}:${row}`).digest("hex").slice(0, 40)}`;
}

/** A stable hash of a mapping (part of every row's messageId). */
export function mappingHash(mapping: ImportMapping): string {
  return createHash("sha256").update(JSON.stringify(mapping.columns)).digest("hex").slice(0, 16);
}

export type MappedRow = { ok: true; message: Record<string, unknown> } | { ok: false; errors: RowError[] };

/**
 * One CSV row → a Segment `identify` message, or every problem in the row. Empty cells set
 * nothing (they never erase a trait); columns not in the mapping are ignored.
 */
export function mapRow(header: string[], cells: string[], mapping: ImportMapping, row: number, messageId: string): MappedRow {
  const errors: RowError[] = [];
  const message: Record<string, unknown> = { type: "identify", messageId };
  const traits: Record<string, unknown> = {};
  for (const col of mapping.columns) {
    if (col.target === "ignore") continue;
    const raw = cells[header.indexOf(col.column)] ?? "";
    if (raw.length > MAX_CELL_CHARS) {
      errors.push({ row, column: col.column, message: `The cell is ${raw.length.toLocaleString("en-US")} characters long; at most ${MAX_CELL_CHARS.toLocaleString("en-US")} are imported` });
      continue;
    }
    if (!raw.trim()) continue;
    if (col.target === "userId" || col.target === "anonymousId") {
      message[col.target] = raw.trim();
      continue;
    }
    const converted = convertCell(raw, col.type);
    if (converted.ok) traits[col.trait] = converted.value;
    else errors.push({ row, column: col.column, message: converted.message });
  }
  if (!message.userId && !message.anonymousId) {
    const ids = mapping.columns.filter((c) => c.target === "userId" || c.target === "anonymousId").map((c) => c.column);
    errors.unshift({ row, column: ids.join(", ") || null, message: "The row has no id: fill in the userId or anonymousId column" });
  }
  if (errors.length) return { ok: false, errors };
  message.traits = traits;
  return { ok: true, message };
}
