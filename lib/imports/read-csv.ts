import "server-only";
import { Readable } from "node:stream";
import { parse, type Options } from "csv-parse";
import { AppError } from "@/lib/api/errors";
import { MAX_RECORD_BYTES } from "./schemas";

const OPTIONS: Options = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  max_record_size: MAX_RECORD_BYTES,
};

/** Turns csv-parse's errors into messages a marketer can act on. */
function explain(error: unknown): AppError {
  const e = error as { code?: string; lines?: number; message?: string };
  const where = e.lines ? ` (near line ${e.lines})` : "";
  if (e.code === "CSV_MAX_RECORD_SIZE") return new AppError("bad_request", `A row is larger than ${MAX_RECORD_BYTES / 1024} KB${where}: this does not look like a profile list. Check the file.`);
  if (e.code === "CSV_QUOTE_NOT_CLOSED") return new AppError("bad_request", `A quoted cell is never closed${where}. Check for a stray " in the file.`);
  return new AppError("bad_request", `The file is not valid CSV${where}: ${e.message ?? "unknown problem"}.`);
}

/** Refuses a header that is one column but plainly separated by something other than commas. */
function checkHeader(header: string[]): void {
  if (header.length === 0 || header.every((h) => !h.trim())) throw new AppError("bad_request", "The file is empty or its first row has no column names.");
  if (header.length === 1) {
    const [only] = header;
    const other = [";", "\t", "|"].find((d) => only.includes(d));
    if (other) {
      const name = other === "\t" ? "tabs" : `"${other}"`;
      throw new AppError("bad_request", `The columns are separated by ${name}, but Tailor reads comma-separated files. Save or export the file as CSV with commas (in Excel: "CSV UTF-8 (Comma delimited)").`);
    }
  }
  const seen = new Set<string>();
  for (const h of header) {
    const name = h.trim();
    if (!name) throw new AppError("bad_request", "Every column needs a name in the first row; one is empty.");
    if (seen.has(name)) throw new AppError("bad_request", `The column name "${name}" appears twice in the first row; rename one.`);
    seen.add(name);
  }
}

/**
 * Stream-parses a CSV file: the first row is the header (checked), then each data row is yielded
 * with its spreadsheet row number (the header is row 1). Parse errors become `bad_request`.
 */
export async function* readCsv(file: Uint8Array): AsyncGenerator<{ header: string[]; row: number; cells: string[] }> {
  const parser = Readable.from([Buffer.from(file)]).pipe(parse(OPTIONS));
  let header: string[] | null = null;
  let row = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = record.map((h) => h.trim());
        checkHeader(header);
        continue;
      }
      row += 1;
      yield { header, row, cells: record };
    }
  } catch (error) {
    parser.destroy();
    throw error instanceof AppError ? error : explain(error);
  }
  if (!header) throw new AppError("bad_request", "The file is empty: it needs a header row and at least one row of data.");
}

/** The header and first rows of a file (parsing stops early). */
export async function readCsvHead(file: Uint8Array, rows: number): Promise<{ columns: string[]; rows: string[][] }> {
  const out: string[][] = [];
  let columns: string[] | null = null;
  for await (const r of readCsv(file)) {
    columns ??= r.header;
    out.push(r.cells);
    if (out.length >= rows) break;
  }
  if (!columns) throw new AppError("bad_request", "The file has a header row but no rows of data.");
  return { columns, rows: out };
}
