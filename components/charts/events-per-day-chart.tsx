"use client";

import { useState } from "react";
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import type { DailyCount } from "@/lib/overview/get-overview";
import { formatCompact, formatDay, formatNumber } from "@/components/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { downloadFile, toCsv } from "./csv";
import { CsvDownloadButton, TableViewToggle } from "@/components/charts/chart-view-buttons";

const ACCENT = "var(--color-indigo-600)";

function ChartTooltip({ active, payload, label, today }: TooltipContentProps<ValueType, NameType> & { today?: string }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-lg" data-testid="chart-tooltip">
      <p className="text-xs text-slate-500">
        {formatDay(String(label), "long")}
        {label === today ? " · today so far" : ""}
      </p>
      <p className="tabular font-semibold text-slate-900">{formatNumber(Number(payload[0].value))} events</p>
    </div>
  );
}

/** Events per UTC day for the last 30 days, as an area chart or, for screen readers and export, a table. */
export function EventsPerDayChart({ data }: { data: DailyCount[] }) {
  const [asTable, setAsTable] = useState(false);
  const total = data.reduce((sum, d) => sum + d.count, 0);

  function download() {
    const last = data.at(-1)?.day ?? "export";
    downloadFile(`events-per-day-${last}.csv`, toCsv(["day", "events"], data.map((d) => [d.day, d.count])));
  }

  return (
    <Card data-testid="chart-events-per-day" className="h-full">
      <CardHeader
        title="Events per day"
        description={`Last 30 days (UTC) · ${formatNumber(total)} events`}
        actions={
          <>
            <TableViewToggle asTable={asTable} onToggle={() => setAsTable((t) => !t)} testId="chart-toggle-table" />
            <CsvDownloadButton onDownload={download} testId="chart-download-csv" />
          </>
        }
      />
      <CardBody className="px-3 sm:px-5">
        {asTable ? (
          <div className="max-h-[280px] overflow-y-auto" data-testid="chart-table">
            <Table>
              <caption className="sr-only">Events per day, last 30 days, UTC</caption>
              <THead className="sticky top-0 bg-slate-50">
                <tr>
                  <TH>Day</TH>
                  <TH className="text-right">Events</TH>
                </tr>
              </THead>
              <TBody>
                {data.map((d) => (
                  <TR key={d.day}>
                    <TD>
                      <time dateTime={d.day}>{formatDay(d.day, "long")}</time>
                    </TD>
                    <TD className="tabular text-right">{formatNumber(d.count)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        ) : (
          <figure aria-label={`Area chart of events per day over the last 30 days, ${formatNumber(total)} in total. Use "Show as table" for the figures.`}>
            <AreaChart responsive data={data} style={{ width: "100%", height: 280 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <defs>
                <linearGradient id="events-fill" x1="0" y1="0" x2="0" y2="1">
                  <stop offset="0%" stopColor={ACCENT} stopOpacity={0.22} />
                  <stop offset="100%" stopColor={ACCENT} stopOpacity={0.02} />
                </linearGradient>
              </defs>
              <CartesianGrid vertical={false} stroke="var(--color-slate-200)" strokeDasharray="3 3" />
              <XAxis
                dataKey="day"
                tickFormatter={(day: string) => formatDay(day)}
                tickLine={false}
                axisLine={false}
                tick={{ fontSize: 12, fill: "var(--color-slate-500)" }}
                minTickGap={24}
                tickMargin={8}
              />
              <YAxis
                width="auto"
                tickFormatter={(n: number) => formatCompact(n)}
                tickLine={false}
                axisLine={false}
                tick={{ fontSize: 12, fill: "var(--color-slate-500)" }}
                allowDecimals={false}
              />
              <Tooltip content={(props) => <ChartTooltip {...props} today={data.at(-1)?.day} />} cursor={{ stroke: "var(--color-slate-300)" }} />
              <Area
                type="monotone"
                dataKey="count"
                name="Events"
                stroke={ACCENT}
                strokeWidth={2}
                fill="url(#events-fill)"
                isAnimationActive={false}
                activeDot={{ r: 4, strokeWidth: 2, stroke: "white" }}
              />
            </AreaChart>
          </figure>
        )}
      </CardBody>
    </Card>
  );
}
