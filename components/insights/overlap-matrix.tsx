"use client";

import { useState } from "react";
import { downloadFile, toCsv } from "@/components/charts/csv";
import { formatNumber, formatPercent } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ChartIcon, TableIcon } from "@/components/ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { SegmentOverlap } from "@/lib/insights/overlap-schemas";
import { CsvDownloadButton } from "@/components/charts/chart-view-buttons";

export interface OverlapPair {
  a: string;
  b: string;
}

/** Share of row segment i that is also in column segment j (0 when the row is empty). */
const shareOf = (overlap: SegmentOverlap, i: number, j: number) => (overlap.segments[i].size ? overlap.matrix[i][j] / overlap.segments[i].size : 0);

function cellLabel(overlap: SegmentOverlap, i: number, j: number): string {
  const row = overlap.segments[i];
  const col = overlap.segments[j];
  if (i === j) return `${row.name}: ${formatNumber(row.size)} profiles. Show them.`;
  return `${formatNumber(overlap.matrix[i][j])} profiles are in both ${row.name} and ${col.name}: ${formatPercent(shareOf(overlap, i, j))} of ${row.name}. Show them.`;
}

/** The matrix as CSV: one row per segment, its size, and its overlap count and share with each column. */
function downloadMatrix(overlap: SegmentOverlap) {
  const keys = overlap.segments.map((s) => s.key);
  const header = ["segment", "name", "size", ...keys, ...keys.map((k) => `${k} %`)];
  const rows = overlap.segments.map((s, i) => [
    s.key,
    s.name,
    s.size,
    ...overlap.matrix[i],
    ...overlap.matrix[i].map((_, j) => (shareOf(overlap, i, j) * 100).toFixed(1)),
  ]);
  downloadFile(`segment-overlap-${keys.join("-")}.csv`, toCsv(header, rows));
}

/** A heatmap of pairwise overlap, coloured by share of the row segment; a cell click picks the pair. */
export function OverlapMatrix({ overlap, selected, onSelect }: { overlap: SegmentOverlap; selected: OverlapPair | null; onSelect: (pair: OverlapPair) => void }) {
  const [asTable, setAsTable] = useState(false);
  const n = overlap.segments.length;

  return (
    <Card>
      <CardHeader
        title="Overlap matrix"
        description={`Each row shows what share of that segment is also in the column's segment. ${formatNumber(overlap.union)} profiles are in at least one (${formatPercent(overlap.totalProfiles ? overlap.union / overlap.totalProfiles : 0)} of ${formatNumber(overlap.totalProfiles)}).`}
        actions={
          <>
            <Button variant="secondary" size="sm" onClick={() => setAsTable((t) => !t)} aria-pressed={asTable} data-testid="overlap-toggle-table">
              {asTable ? <ChartIcon className="size-3.5" /> : <TableIcon className="size-3.5" />}
              {asTable ? "Show as heatmap" : "Show as table"}
            </Button>
            <CsvDownloadButton onDownload={() => downloadMatrix(overlap)} testId="overlap-csv" />
          </>
        }
      />
      <CardBody className="overflow-x-auto">
        {asTable ? (
          <Table data-testid="overlap-table">
            <caption className="sr-only">Profiles in both segments, and the share of the row segment</caption>
            <THead>
              <tr>
                <TH>Segment</TH>
                <TH className="text-right">Size</TH>
                {overlap.segments.map((s) => (
                  <TH key={s.key} className="text-right">
                    {s.name}
                  </TH>
                ))}
              </tr>
            </THead>
            <TBody>
              {overlap.segments.map((row, i) => (
                <TR key={row.key}>
                  <TH scope="row" className="text-sm font-medium tracking-normal text-slate-900 normal-case">
                    {row.name}
                  </TH>
                  <TD className="tabular text-right">{formatNumber(row.size)}</TD>
                  {overlap.matrix[i].map((count, j) => (
                    <TD key={j} className="tabular text-right">
                      {formatNumber(count)} <span className="text-slate-400">({formatPercent(shareOf(overlap, i, j))})</span>
                    </TD>
                  ))}
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <div
            role="group"
            aria-label="Overlap heatmap. Each cell is a button that shows the profiles in both segments."
            data-testid="overlap-matrix"
            className="grid min-w-fit gap-1"
            style={{ gridTemplateColumns: `minmax(9rem, 12rem) repeat(${n}, minmax(5.5rem, 1fr))` }}
          >
            <div />
            {overlap.segments.map((s) => (
              <div key={s.key} className="truncate px-1 pb-1 text-center text-xs font-medium text-slate-600" title={s.name}>
                {s.name}
              </div>
            ))}
            {overlap.segments.map((row, i) => (
              <MatrixRow key={row.key} overlap={overlap} i={i} selected={selected} onSelect={onSelect} />
            ))}
          </div>
        )}
      </CardBody>
    </Card>
  );
}

function MatrixRow({ overlap, i, selected, onSelect }: { overlap: SegmentOverlap; i: number; selected: OverlapPair | null; onSelect: (pair: OverlapPair) => void }) {
  const row = overlap.segments[i];
  return (
    <>
      <div className="flex min-w-0 flex-col justify-center pr-2">
        <span className="truncate text-sm font-medium text-slate-900" title={row.name}>
          {row.name}
        </span>
        <span className="tabular text-xs text-slate-500">{formatNumber(row.size)} profiles</span>
      </div>
      {overlap.segments.map((col, j) => {
        // The diagonal is the segment itself (always 100 %), so it stays neutral rather than the darkest cell.
        const share = i === j ? 0 : shareOf(overlap, i, j);
        const isSelected = selected?.a === row.key && selected?.b === col.key;
        return (
          <button
            key={col.key}
            type="button"
            onClick={() => onSelect({ a: row.key, b: col.key })}
            aria-label={cellLabel(overlap, i, j)}
            aria-pressed={isSelected}
            data-testid={`overlap-cell-${row.key}-${col.key}`}
            className={cn(
              "flex h-16 flex-col items-center justify-center rounded-md text-center transition outline-none hover:ring-2 hover:ring-slate-400 focus-visible:ring-2 focus-visible:ring-accent-600 focus-visible:ring-offset-1",
              share >= 0.5 ? "text-white" : "text-slate-900",
              isSelected && "ring-2 ring-slate-900 ring-offset-1 hover:ring-slate-900",
            )}
            // Tint by share of the row segment: 0 % is near white, 100 % full indigo.
            style={{ backgroundColor: i === j ? "var(--color-slate-100)" : `color-mix(in oklab, var(--color-indigo-600) ${Math.round(4 + share * 96)}%, white)` }}
          >
            <span className="tabular text-sm font-semibold">{formatNumber(overlap.matrix[i][j])}</span>
            <span className={cn("tabular text-xs", share >= 0.5 ? "text-indigo-100" : "text-slate-500")}>{i === j ? "size" : formatPercent(share)}</span>
          </button>
        );
      })}
    </>
  );
}
