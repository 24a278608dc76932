import "server-only";
import { readCsvHead } from "./read-csv";
import { PREVIEW_ROWS, type ColumnMapping, type ImportPreview } from "./schemas";
import { checkImportFile } from "./start-import";

const USER_ID = /^(user_?id|userid|customer_?id|external_?id)$/i;
const ANON_ID = /^(anonymous_?id|anon_?id|device_?id)$/i;

/** A first guess for a column, from its name and the sample values. */
function suggest(column: string, values: string[]): ColumnMapping {
  if (USER_ID.test(column)) return { column, target: "userId" };
  if (ANON_ID.test(column)) return { column, target: "anonymousId" };
  const trait = column.trim().replace(/[^A-Za-z0-9_]+/g, "_").replace(/^(\d)/, "_$1").toLowerCase() || "column";
  const filled = values.map((v) => v.trim()).filter(Boolean);
  const all = (re: RegExp) => filled.length > 0 && filled.every((v) => re.test(v));
  const type = all(/^[+-]?(\d+\.?\d*|\.\d+)$/) ? "number" : all(/^(true|false|yes|no)$/i) ? "boolean" : all(/^\d{4}-\d{2}-\d{2}/) ? "date" : "text";
  return { column, target: "trait", trait: trait === "consent" ? "consent_value" : trait, type };
}

/** The header, the first rows and a suggested mapping of an uploaded file. */
export async function previewImport(filename: string, file: Uint8Array): Promise<ImportPreview> {
  checkImportFile(file);
  const { columns, rows } = await readCsvHead(file, PREVIEW_ROWS);
  return { filename, bytes: file.byteLength, columns, rows, suggested: columns.map((c, i) => suggest(c, rows.map((r) => r[i] ?? ""))) };
}
