"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import { formatNumber } from "@/components/format";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { BreakdownRow, Representation, SegmentBreakdown } from "@/lib/insights/breakdown-schemas";

const SEGMENT_FILL = "var(--color-indigo-600)";
const ALL_FILL = "var(--color-slate-300)";

/** 0.1234 → "12.3%" (one decimal: breakdown shares are often a few percent). */
export const formatShare = (ratio: number) => `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.001 ? 2 : 1)}%`;
export const formatIndex = (index: number | null) => (index === null ? "—" : String(Math.round(index)));

const MARKS: Record<Representation, { symbol: string; className: string; fill: string; words: string }> = {
  over: { symbol: "▲", className: "text-emerald-700", fill: "var(--color-emerald-700)", words: "over-represented" },
  under: { symbol: "▼", className: "text-red-700", fill: "var(--color-red-700)", words: "under-represented" },
  even: { symbol: "", className: "text-slate-600", fill: "var(--color-slate-600)", words: "about as common as among all profiles" },
  too_few: { symbol: "", className: "text-slate-400", fill: "var(--color-slate-400)", words: "too few people to tell" },
};

/** The index with its over/under mark, for the table. */
export function IndexCell({ row }: { row: BreakdownRow }) {
  const mark = MARKS[row.representation];
  return (
    <span className={`tabular font-medium ${mark.className}`} title={mark.words}>
      {mark.symbol ? <span aria-hidden="true">{mark.symbol} </span> : null}
      {formatIndex(row.index)}
      <span className="sr-only">, {mark.words}</span>
    </span>
  );
}

type Datum = BreakdownRow & { segmentPct: number; allPct: number };

function IndexTick({ x, y, payload, rows }: { x?: number | string; y?: number | string; payload?: { value: string; index: number }; rows: Datum[] }) {
  const row = rows[payload?.index ?? 0];
  if (!row) return null;
  const mark = MARKS[row.representation];
  return (
    <text x={Number(x) + 8} y={Number(y)} dy={4} fontSize={12} fill={mark.fill} fontWeight={row.representation === "over" || row.representation === "under" ? 600 : 400} className="tabular">
      {mark.symbol ? `${mark.symbol} ` : ""}
      {formatIndex(row.index)}
    </text>
  );
}

function BreakdownTooltip({ active, payload }: TooltipContentProps<ValueType, NameType>) {
  const row = payload?.[0]?.payload as Datum | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-lg" data-testid="breakdown-tooltip">
      <p className="font-medium text-slate-900">{row.label}</p>
      <p className="tabular text-slate-700">
        <span className="mr-1.5 inline-block size-2 rounded-sm" style={{ background: SEGMENT_FILL }} aria-hidden="true" />
        In segment: {formatShare(row.segmentShare)} ({formatNumber(row.members)})
      </p>
      <p className="tabular text-slate-700">
        <span className="mr-1.5 inline-block size-2 rounded-sm" style={{ background: ALL_FILL }} aria-hidden="true" />
        All profiles: {formatShare(row.allShare)} ({formatNumber(row.profiles)})
      </p>
      <p className="tabular mt-1 text-xs text-slate-500">
        Index {formatIndex(row.index)}: {MARKS[row.representation].words}
      </p>
    </div>
  );
}

/** Round percentage ticks (steps of 1, 2, 5, 10, 20 or 25) from 0 to just past `max`. */
function percentTicks(max: number): number[] {
  const step = [1, 2, 5, 10, 20, 25].find((s) => max / s <= 5) ?? 25;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}

/** Grouped horizontal bars, segment share vs share of all profiles per value, with the index on the right. */
export function BreakdownBars({ data }: { data: SegmentBreakdown }) {
  const rows: Datum[] = data.rows.map((r) => ({ ...r, segmentPct: r.segmentShare * 100, allPct: r.allShare * 100 }));
  const height = rows.length * 44 + 40;
  const ticks = percentTicks(Math.max(...rows.map((r) => Math.max(r.segmentPct, r.allPct)), 1));
  const labelWidth = Math.min(220, Math.max(90, ...rows.map((r) => r.label.length * 7 + 16)));
  const summary = rows
    .filter((r) => r.representation === "over")
    .map((r) => `${r.label} (index ${formatIndex(r.index)})`)
    .join(", ");
  return (
    <figure
      aria-label={`Bar chart: share of ${data.segment.name} and of all profiles for each ${data.field?.label ?? "value"}. ${summary ? `Over-represented: ${summary}.` : "No value is clearly over-represented."} Use "Show as table" for every figure.`}
      data-testid="breakdown-chart"
    >
      <BarChart layout="vertical" responsive data={rows} style={{ width: "100%", height }} margin={{ top: 4, right: 4, bottom: 4, left: 0 }} barGap={2} barCategoryGap="22%">
        <CartesianGrid horizontal={false} stroke="var(--color-slate-200)" strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, ticks.at(-1)!]} ticks={ticks} tickFormatter={(n: number) => `${n}%`} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "var(--color-slate-500)" }} />
        <YAxis yAxisId="label" type="category" dataKey="label" width={labelWidth} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "var(--color-slate-700)" }} interval={0} />
        <YAxis yAxisId="index" orientation="right" type="category" dataKey="label" width={64} tickLine={false} axisLine={false} tick={<IndexTick rows={rows} />} interval={0} />
        {/* No cursor band: with two category axes Recharts sizes it from the wrong one. */}
        <Tooltip content={(props) => <BreakdownTooltip {...props} />} cursor={false} />
        <Bar yAxisId="label" dataKey="segmentPct" name="In segment" fill={SEGMENT_FILL} radius={[0, 3, 3, 0]} isAnimationActive={false} />
        <Bar yAxisId="label" dataKey="allPct" name="All profiles" fill={ALL_FILL} radius={[0, 3, 3, 0]} isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}

/** The same figures as a table, for screen readers and for reading exact numbers. */
export function BreakdownTable({ data }: { data: SegmentBreakdown }) {
  return (
    <Table data-testid="breakdown-table">
      <caption className="sr-only">
        {data.segment.name} by {data.field?.label}: members and all profiles per value, with the index (100 = as common as among all profiles)
      </caption>
      <THead>
        <tr>
          <TH>{data.field?.label ?? "Value"}</TH>
          <TH className="text-right">Members</TH>
          <TH className="text-right">% of segment</TH>
          <TH className="text-right">Profiles</TH>
          <TH className="text-right">% of all</TH>
          <TH className="text-right">Index</TH>
        </tr>
      </THead>
      <TBody>
        {data.rows.map((r) => (
          <TR key={`${r.kind}:${r.key}`} data-testid="breakdown-row">
            <th scope="row" className={`px-5 py-3 text-left text-sm font-medium ${r.kind === "value" || r.kind === "band" ? "text-slate-900" : "text-slate-500 italic"}`}>
              {r.label}
            </th>
            <TD className="tabular text-right">{formatNumber(r.members)}</TD>
            <TD className="tabular text-right">{formatShare(r.segmentShare)}</TD>
            <TD className="tabular text-right">{formatNumber(r.profiles)}</TD>
            <TD className="tabular text-right">{formatShare(r.allShare)}</TD>
            <TD className="text-right">
              <IndexCell row={r} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
