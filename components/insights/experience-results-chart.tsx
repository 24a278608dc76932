"use client";

import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import { downloadFile, toCsv } from "@/components/charts/csv";
import { formatDay, formatNumber } from "@/components/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { CumulativeGroup, ExperienceResults } from "@/lib/insights/experience-results";
import { formatRate } from "./experience-lift-table";
import { CsvDownloadButton, TableViewToggle } from "@/components/charts/chart-view-buttons";

const PALETTE = ["var(--color-indigo-600)", "var(--color-emerald-600)", "var(--color-amber-500)", "var(--color-sky-600)", "var(--color-fuchsia-600)", "var(--color-rose-600)"];
const HOLDOUT = "var(--color-slate-500)";

interface Series {
  id: string;
  name: string;
  color: string;
  dashed: boolean;
  pick: (p: ExperienceResults["cumulative"][number]) => CumulativeGroup | null | undefined;
}

function seriesOf(results: ExperienceResults): Series[] {
  const list: Series[] = [];
  if (results.holdout) list.push({ id: "holdout", name: "Holdout", color: HOLDOUT, dashed: true, pick: (p) => p.holdout });
  // Variants nobody saw would be a flat line at zero: leave them out of the chart (the table above lists them).
  results.variants
    .filter((v) => v.visitors > 0)
    .forEach((v, i) => list.push({ id: v.key, name: v.name, color: PALETTE[i % PALETTE.length], dashed: false, pick: (p) => p.variants[v.key] }));
  return list;
}

function RateTooltip({ active, payload, label, series, results }: TooltipContentProps<ValueType, NameType> & { series: Series[]; results: ExperienceResults }) {
  if (!active || !payload?.length) return null;
  const point = results.cumulative.find((p) => p.day === label);
  if (!point) return null;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-lg" data-testid="results-tooltip">
      <p className="text-xs text-slate-500">Up to {formatDay(String(label), "long")}</p>
      {series.map((s) => {
        const g = s.pick(point);
        return g ? (
          <p key={s.id} className="tabular text-slate-700">
            <span className="mr-1.5 inline-block size-2 rounded-full" style={{ background: s.color }} aria-hidden="true" />
            {s.name}: <span className="font-semibold">{formatRate(g.conversionRate)}</span>{" "}
            <span className="text-xs text-slate-500">
              ({formatNumber(g.converters)} of {formatNumber(g.visitors)})
            </span>
          </p>
        ) : null;
      })}
    </div>
  );
}

/** Cumulative conversion rate per group, day by day: how the comparison settled as visitors arrived. */
export function ExperienceResultsChart({ results }: { results: ExperienceResults }) {
  const [asTable, setAsTable] = useState(false);
  const series = seriesOf(results);
  const data = results.cumulative.map((p) => ({ day: p.day, ...Object.fromEntries(series.map((s) => [s.id, (s.pick(p)?.conversionRate ?? 0) * 100])) }));

  function download() {
    const header = ["day", ...series.flatMap((s) => [`${s.id}_visitors`, `${s.id}_converters`, `${s.id}_conversion_rate_pct`])];
    const rows = results.cumulative.map((p) => [p.day, ...series.flatMap((s) => { const g = s.pick(p); return [g?.visitors ?? 0, g?.converters ?? 0, Number(((g?.conversionRate ?? 0) * 100).toFixed(2))]; })]);
    downloadFile(`${results.experience.key}-cumulative-conversion-rate.csv`, toCsv(header, rows));
  }

  return (
    <Card data-testid="experience-results-chart">
      <CardHeader
        title="Conversion rate over time"
        description="Cumulative: visitors who converted ÷ visitors so far, each person counted once, by UTC day."
        actions={
          <>
            <TableViewToggle asTable={asTable} onToggle={() => setAsTable((t) => !t)} testId="results-chart-toggle-table" />
            <CsvDownloadButton onDownload={download} testId="results-chart-csv" />
          </>
        }
      />
      <CardBody className="px-3 sm:px-5">
        {asTable ? (
          <div className="max-h-[320px] overflow-y-auto" data-testid="results-chart-table">
            <Table>
              <caption className="sr-only">Cumulative conversion rate per group and day</caption>
              <THead className="sticky top-0 bg-slate-50">
                <tr>
                  <TH>Day</TH>
                  {series.map((s) => (
                    <TH key={s.id} className="text-right">
                      {s.name}
                    </TH>
                  ))}
                </tr>
              </THead>
              <TBody>
                {results.cumulative.map((p) => (
                  <TR key={p.day}>
                    <TD>
                      <time dateTime={p.day}>{formatDay(p.day, "long")}</time>
                    </TD>
                    {series.map((s) => {
                      const g = s.pick(p);
                      return (
                        <TD key={s.id} className="tabular text-right whitespace-nowrap">
                          {g && g.visitors ? formatRate(g.conversionRate) : "—"}{" "}
                          <span className="text-xs text-slate-400">
                            {formatNumber(g?.converters ?? 0)}/{formatNumber(g?.visitors ?? 0)}
                          </span>
                        </TD>
                      );
                    })}
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        ) : (
          <figure aria-label={`Line chart of the cumulative conversion rate of ${series.map((s) => s.name).join(", ")} over ${results.cumulative.length} days. Use "Show as table" for the figures.`}>
            <LineChart responsive data={data} style={{ width: "100%", height: 280 }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid vertical={false} stroke="var(--color-slate-200)" strokeDasharray="3 3" />
              <XAxis dataKey="day" tickFormatter={(d: string) => formatDay(d)} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "var(--color-slate-500)" }} minTickGap={24} tickMargin={8} />
              <YAxis width="auto" tickFormatter={(n: number) => `${n.toFixed(n < 10 ? 1 : 0)}%`} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "var(--color-slate-500)" }} />
              <Tooltip content={(props) => <RateTooltip {...props} series={series} results={results} />} cursor={{ stroke: "var(--color-slate-300)" }} />
              <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
              {series.map((s) => (
                <Line key={s.id} type="monotone" dataKey={s.id} name={s.name} stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? "5 4" : undefined} dot={false} activeDot={{ r: 4, strokeWidth: 2, stroke: "white" }} isAnimationActive={false} />
              ))}
            </LineChart>
          </figure>
        )}
      </CardBody>
    </Card>
  );
}
