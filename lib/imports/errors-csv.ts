import { stringify } from "csv-stringify/sync";
import type { RowError } from "./schemas";

/** Defuses spreadsheet formulas (=, +, -, @, tab, CR at the start) so a report cannot run code when opened. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The row errors of an import as a CSV report: row, column, message. */
export function importErrorsCsv(errors: RowError[]): string {
  return stringify([["row", "column", "message"], ...errors.map((e) => [String(e.row), safeCell(e.column ?? ""), safeCell(e.message)])]);
}
