"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Area, Bar, BarChart, CartesianGrid, ComposedChart, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import { apiFetch } from "@/components/api-client";
import { downloadFile, toCsv } from "@/components/charts/csv";
import { formatCompact, formatDay, formatNumber } from "@/components/format";
import { SegmentBreakdown } from "@/components/insights/segment-breakdown";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { HistoryPoint, SegmentHistoryDocument } from "@/lib/insights/history-schemas";
import { queryKeys } from "@/lib/query-keys";
import { CsvDownloadButton, TableViewToggle } from "@/components/charts/chart-view-buttons";

const RANGES = [7, 30, 90] as const;
const ACCENT = "var(--color-indigo-600)";
const ENTER = "var(--color-emerald-500)";
const EXIT = "var(--color-rose-500)";
const axisTick = { fontSize: 12, fill: "var(--color-slate-500)" };

/** The Insights tab of a segment: size over time, then the breakdown. */
export function SegmentInsights({ workspace, segmentKey }: { workspace: string; segmentKey: string }) {
  return (
    <div className="space-y-6">
      <SegmentSizeChart workspace={workspace} segmentKey={segmentKey} />
      <SegmentBreakdown workspace={workspace} segmentKey={segmentKey} />
    </div>
  );
}

function useHistory(workspace: string, segmentKey: string, days: number) {
  return useQuery({
    queryKey: queryKeys.segmentSizeHistory(workspace, segmentKey, days),
    queryFn: ({ signal }) => apiFetch<SegmentHistoryDocument>(`/api/v1/segments/${encodeURIComponent(segmentKey)}/history?days=${days}`, { workspace, signal }),
    // Poll while the backfill runs; afterwards the snapshot moves at most every few minutes.
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "queued" || q.state.data.status === "running") ? 1500 : 120_000),
  });
}

function ChartTooltip({ active, payload, label }: TooltipContentProps<ValueType, NameType>) {
  if (!active || !payload?.length) return null;
  const p = payload[0].payload as HistoryPoint;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-lg" data-testid="history-tooltip">
      <p className="text-xs text-slate-500">{formatDay(String(label), "long")}</p>
      <p className="tabular font-semibold text-slate-900">{formatNumber(p.size)} members</p>
      <p className="tabular text-xs text-slate-600">
        <span className="text-emerald-700">+{formatNumber(p.entries)} entered</span> · <span className="text-rose-700">−{formatNumber(p.exits)} left</span>
      </p>
    </div>
  );
}

function WeekOverWeek({ wow }: { wow: SegmentHistoryDocument["weekOverWeek"] }) {
  if (!wow) return <p className="text-sm text-slate-500">Week over week: not enough days yet</p>;
  const tone = wow.change > 0 ? "text-emerald-700" : wow.change < 0 ? "text-rose-700" : "text-slate-700";
  const sign = wow.change > 0 ? "+" : wow.change < 0 ? "−" : "±";
  return (
    <p className="text-sm text-slate-600" data-testid="history-wow">
      <span className={`tabular text-base font-semibold ${tone}`}>
        {sign}
        {formatNumber(Math.abs(wow.change))}
        {wow.percent === null ? "" : ` (${sign}${Math.abs(wow.percent).toFixed(1)}%)`}
      </span>{" "}
      week over week · {formatNumber(wow.current)} now vs {formatNumber(wow.previous)} 7 days earlier
    </p>
  );
}

function Progress({ value, message }: { value: number; message: string }) {
  const pct = Math.round(value * 100);
  return (
    <div className="space-y-1.5" data-testid="history-progress">
      <div className="flex justify-between text-xs text-slate-600">
        <span>Computing the history from past events… {message ? `(${message})` : ""}</span>
        <span className="tabular">{pct}%</span>
      </div>
      <div role="progressbar" aria-label="History computation" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-slate-100">
        <div className="h-full rounded-full bg-indigo-500 transition-[width]" style={{ width: `${Math.max(2, pct)}%` }} />
      </div>
    </div>
  );
}

function HistoryTable({ series }: { series: HistoryPoint[] }) {
  return (
    <div className="max-h-[360px] overflow-y-auto" data-testid="history-table">
      <Table>
        <caption className="sr-only">Segment size at the end of each UTC day, with entries and exits</caption>
        <THead className="sticky top-0 bg-slate-50">
          <tr>
            <TH>Day</TH>
            <TH className="text-right">Members</TH>
            <TH className="text-right">Entered</TH>
            <TH className="text-right">Left</TH>
          </tr>
        </THead>
        <TBody>
          {[...series].reverse().map((p) => (
            <TR key={p.day} data-testid="history-row">
              <TD>
                <time dateTime={p.day}>{formatDay(p.day, "long")}</time>
              </TD>
              <TD className="tabular text-right">{formatNumber(p.size)}</TD>
              <TD className="tabular text-right">{formatNumber(p.entries)}</TD>
              <TD className="tabular text-right">{formatNumber(p.exits)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

function HistoryCharts({ series, days }: { series: HistoryPoint[]; days: number }) {
  const flows = series.map((p) => ({ ...p, exitsNegative: -p.exits }));
  // Symmetric around zero, so entries (up) and exits (down) compare at a glance.
  const peak = Math.max(1, ...series.map((p) => Math.max(p.entries, p.exits)));
  const xAxis = <XAxis dataKey="day" tickFormatter={(d: string) => formatDay(d)} tickLine={false} axisLine={false} tick={axisTick} minTickGap={24} tickMargin={8} />;
  return (
    <figure aria-label={`Segment size over the last ${days} days, from ${formatNumber(series[0]?.size ?? 0)} to ${formatNumber(series.at(-1)?.size ?? 0)} members, with entries and exits per day. Use "Show as table" for the figures.`}>
      <div data-testid="history-size-chart">
        <ComposedChart responsive data={series} syncId="segment-history" style={{ width: "100%", height: 240 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <defs>
            <linearGradient id="history-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={ACCENT} stopOpacity={0.22} />
              <stop offset="100%" stopColor={ACCENT} stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid vertical={false} stroke="var(--color-slate-200)" strokeDasharray="3 3" />
          {xAxis}
          <YAxis width={44} tickFormatter={(n: number) => formatCompact(n)} tickLine={false} axisLine={false} tick={axisTick} allowDecimals={false} />
          <Tooltip content={(props) => <ChartTooltip {...props} />} cursor={{ stroke: "var(--color-slate-300)" }} />
          <Area type="monotone" dataKey="size" name="Members" stroke={ACCENT} strokeWidth={2} fill="url(#history-fill)" isAnimationActive={false} activeDot={{ r: 4, strokeWidth: 2, stroke: "white" }} />
        </ComposedChart>
      </div>
      <p className="mt-3 mb-1 px-1 text-xs font-medium text-slate-600">
        Entries <span className="inline-block size-2 rounded-sm bg-emerald-500 align-middle" /> and exits <span className="inline-block size-2 rounded-sm bg-rose-500 align-middle" /> per day
      </p>
      <div data-testid="history-flow-chart">
        <BarChart responsive data={flows} syncId="segment-history" stackOffset="sign" style={{ width: "100%", height: 120 }} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--color-slate-200)" strokeDasharray="3 3" />
          {xAxis}
          <YAxis width={44} domain={[-peak, peak]} ticks={[-peak, 0, peak]} tickFormatter={(n: number) => formatCompact(Math.abs(n))} tickLine={false} axisLine={false} tick={axisTick} allowDecimals={false} />
          <ReferenceLine y={0} stroke="var(--color-slate-300)" />
          <Tooltip content={(props) => <ChartTooltip {...props} />} cursor={{ fill: "var(--color-slate-100)" }} />
          <Bar dataKey="entries" name="Entered" stackId="flow" fill={ENTER} isAnimationActive={false} />
          <Bar dataKey="exitsNegative" name="Left" stackId="flow" fill={EXIT} isAnimationActive={false} />
        </BarChart>
      </div>
    </figure>
  );
}

/** Daily size of a segment over 7/30/90 days with entries and exits, week over week, table view and CSV. */
export function SegmentSizeChart({ workspace, segmentKey }: { workspace: string; segmentKey: string }) {
  const [days, setDays] = useState<number>(90);
  const [asTable, setAsTable] = useState(false);
  const query = useHistory(workspace, segmentKey, days);
  const data = query.data;
  const busy = data && (data.status === "queued" || data.status === "running");
  const series = data?.series ?? [];

  function download() {
    downloadFile(`${segmentKey}-size-${series.at(-1)?.day ?? "history"}.csv`, toCsv(["day", "size", "entries", "exits"], series.map((p) => [p.day, p.size, p.entries, p.exits])));
  }

  return (
    <Card data-testid="segment-size-history">
      <CardHeader
        title="Size over time"
        description={
          <>
            Members at the end of each UTC day (today: now).{" "}
            {data?.computedAt ? (
              <span data-testid="history-freshness">
                As of <RelativeTime value={data.computedAt} />.
              </span>
            ) : null}
          </>
        }
        actions={
          <>
            <div role="group" aria-label="Range" className="inline-flex rounded-md border border-slate-200 p-0.5">
              {RANGES.map((r) => (
                <button
                  key={r}
                  type="button"
                  aria-pressed={days === r}
                  onClick={() => setDays(r)}
                  data-testid={`history-range-${r}`}
                  className={`rounded px-2.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${days === r ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100"}`}
                >
                  {r} days
                </button>
              ))}
            </div>
            {series.length ? (
              <>
                <TableViewToggle asTable={asTable} onToggle={() => setAsTable((t) => !t)} testId="history-toggle-table" />
                <CsvDownloadButton onDownload={download} testId="history-download-csv" />
              </>
            ) : null}
          </>
        }
      />
      <CardBody className="space-y-4 px-3 sm:px-5">
        {query.error ? <Alert tone="danger" title="The history could not be loaded">{query.error.message}</Alert> : null}
        {!data && !query.error ? <Skeleton className="h-[380px] w-full" /> : null}
        {data ? (
          <>
            {busy ? <Progress value={data.progress} message={data.message} /> : null}
            {data.status === "failed" ? (
              <Alert tone="danger" title="The history could not be computed">
                {data.error ?? "Unknown error."} Saving the segment again retries it.
              </Alert>
            ) : null}
            {series.length ? (
              <>
                <WeekOverWeek wow={data.weekOverWeek} />
                {asTable ? <HistoryTable series={series} /> : <HistoryCharts series={series} days={days} />}
              </>
            ) : busy ? null : data.status !== "failed" ? (
              <p className="text-sm text-slate-500">No history yet.</p>
            ) : null}
            <p className="text-xs text-slate-500" data-testid="history-hint">
              Days before the rule was saved are computed from the events as they were at the end of each day. Traits and other profile
              fields have no history, so today&apos;s values are used for every day; a profile counts from the day it was first seen.
              Later days come from the recorded entries and exits.
            </p>
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
