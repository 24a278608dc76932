"use client";

import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ColumnMapping, ImportPreview, TraitType } from "./types";

const TYPES: TraitType[] = ["text", "number", "boolean", "date"];

function choiceOf(m: ColumnMapping): string {
  return m.target === "trait" ? `trait:${m.type}` : m.target;
}

function fromChoice(column: string, choice: string, previous: ColumnMapping): ColumnMapping {
  if (choice === "userId" || choice === "anonymousId" || choice === "ignore") return { column, target: choice };
  const type = choice.slice("trait:".length) as TraitType;
  const trait = previous.target === "trait" ? previous.trait : column.trim().replace(/[^A-Za-z0-9_]+/g, "_").toLowerCase();
  return { column, target: "trait", trait, type };
}

/** One row per CSV column: what it becomes (id, typed trait, or ignored), its trait name, and sample values. */
export function ColumnMappingTable({ preview, columns, onChange }: { preview: ImportPreview; columns: ColumnMapping[]; onChange: (next: ColumnMapping[]) => void }) {
  const set = (i: number, next: ColumnMapping) => onChange(columns.map((c, j) => (j === i ? next : c)));
  return (
    <Table data-testid="import-mapping">
      <THead>
        <tr>
          <TH>Column in file</TH>
          <TH>Becomes</TH>
          <TH>Trait name</TH>
          <TH>First values</TH>
        </tr>
      </THead>
      <TBody>
        {columns.map((m, i) => (
          <TR key={m.column}>
            <TD className="font-medium text-slate-900">{m.column}</TD>
            <TD className="w-52">
              <Select value={choiceOf(m)} onChange={(e) => set(i, fromChoice(m.column, e.target.value, m))} aria-label={`What column ${m.column} becomes`} data-testid={`import-map-${m.column}`}>
                <option value="userId">userId</option>
                <option value="anonymousId">anonymousId</option>
                {TYPES.map((t) => (
                  <option key={t} value={`trait:${t}`}>
                    Trait ({t})
                  </option>
                ))}
                <option value="ignore">Ignore</option>
              </Select>
            </TD>
            <TD className="w-52">
              {m.target === "trait" ? (
                <Input value={m.trait} onChange={(e) => set(i, { ...m, trait: e.target.value })} aria-label={`Trait name for ${m.column}`} className="font-mono text-xs" data-testid={`import-trait-${m.column}`} />
              ) : (
                <span className="text-xs text-slate-400">—</span>
              )}
            </TD>
            <TD className="max-w-72">
              <span className="block truncate text-xs text-slate-500">
                {preview.rows
                  .slice(0, 3)
                  .map((r) => r[i] ?? "")
                  .filter(Boolean)
                  .join(" · ") || "(empty)"}
              </span>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
