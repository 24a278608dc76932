"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { downloadFile, toCsv } from "@/components/charts/csv";
import { formatNumber } from "@/components/format";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SegmentsIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { INDEX_HIGH, INDEX_LOW, MIN_SIGNAL_MEMBERS, type SegmentBreakdown as Breakdown } from "@/lib/insights/breakdown-schemas";
import { queryKeys } from "@/lib/query-keys";
import { BreakdownBars, BreakdownTable } from "./breakdown-chart";
import { CsvDownloadButton, TableViewToggle } from "@/components/charts/chart-view-buttons";

const url = (segmentKey: string, by: string, refresh = false) => {
  const params = new URLSearchParams();
  if (by) params.set("by", by);
  if (refresh) params.set("refresh", "1");
  return `/api/v1/segments/${encodeURIComponent(segmentKey)}/breakdown${params.size ? `?${params}` : ""}`;
};

function downloadBreakdown(data: Breakdown) {
  const header = ["field", "value", "label", "members", "segment_share_pct", "profiles", "all_share_pct", "index", "representation"];
  const rows = data.rows.map((r) => [
    data.field?.field ?? "",
    r.kind === "other" ? "(other)" : r.kind === "not_set" ? "(not set)" : r.key,
    r.label,
    r.members,
    Number((r.segmentShare * 100).toFixed(2)),
    r.profiles,
    Number((r.allShare * 100).toFixed(2)),
    r.index === null ? "" : Number(r.index.toFixed(1)),
    r.representation,
  ]);
  downloadFile(`${data.segment.key}-by-${data.field?.field ?? "field"}.csv`, toCsv(header, rows));
}

/** Members of a segment by a chosen trait or last-known context field, against all profiles, with an index. */
export function SegmentBreakdown({ workspace, segmentKey }: { workspace: string; segmentKey: string }) {
  const [by, setBy] = useState("");
  const [asTable, setAsTable] = useState(false);
  const pickerId = useId();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.segmentBreakdown(workspace, segmentKey, by),
    queryFn: ({ signal }) => apiFetch<Breakdown>(url(segmentKey, by), { workspace, signal }),
    placeholderData: keepPreviousData,
  });
  const refresh = useMutation({
    mutationFn: () => apiFetch<Breakdown>(url(segmentKey, by, true), { workspace }),
    onSuccess: (fresh) => queryClient.setQueryData(queryKeys.segmentBreakdown(workspace, segmentKey, by), fresh),
  });
  const data = query.data;
  const hasRows = !!data && data.segment.size > 0 && data.rows.length > 0;

  const picker = data && data.fields.length ? (
    <div className="flex items-center gap-2">
      <label htmlFor={pickerId} className="text-sm whitespace-nowrap text-slate-600">
        Break down by
      </label>
      <Select id={pickerId} value={by || data.field?.field || ""} onChange={(e) => setBy(e.target.value)} data-testid="breakdown-field" className="w-48">
        {(["traits", "context"] as const).map((source) => {
          const fields = data.fields.filter((f) => f.source === source);
          return fields.length ? (
            <optgroup key={source} label={source === "traits" ? "Traits" : "Last known context"}>
              {fields.map((f) => (
                <option key={f.field} value={f.field}>
                  {f.label}
                  {f.type === "number" ? " (bands)" : ""}
                </option>
              ))}
            </optgroup>
          ) : null;
        })}
      </Select>
    </div>
  ) : null;

  return (
    <Card data-testid="segment-breakdown">
      <CardHeader
        title="Breakdown"
        description={
          data?.field
            ? `Members of ${data.segment.name} (${formatNumber(data.segment.size)}) by ${data.field.label.toLowerCase()}, next to all ${formatNumber(data.totalProfiles)} profiles.`
            : "Members by a trait or last-known context field, next to all profiles."
        }
        actions={
          hasRows ? (
            <>
              <TableViewToggle asTable={asTable} onToggle={() => setAsTable((t) => !t)} testId="breakdown-toggle-table" />
              <CsvDownloadButton onDownload={() => downloadBreakdown(data)} testId="breakdown-csv" />
            </>
          ) : null
        }
      />
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          {picker}
          {data ? (
            <p className="flex items-center gap-2 text-xs text-slate-500" data-testid="breakdown-freshness">
              {query.isFetching || refresh.isPending ? <Spinner className="size-3.5" /> : null}
              <span>
                Counted <RelativeTime value={data.asOf} />
              </span>
              <Button variant="ghost" size="sm" onClick={() => refresh.mutate()} disabled={refresh.isPending} data-testid="breakdown-refresh">
                Recount
              </Button>
            </p>
          ) : null}
        </div>
        {query.error && !data ? (
          <Alert tone="danger" data-testid="breakdown-error" title="The breakdown could not be counted">
            {query.error.message}{" "}
            <button type="button" className="font-medium underline" onClick={() => query.refetch()}>
              Try again
            </button>
          </Alert>
        ) : query.error ? (
          <Alert tone="danger" data-testid="breakdown-error">
            {query.error.message}
          </Alert>
        ) : refresh.error ? (
          <Alert tone="danger">{refresh.error.message}</Alert>
        ) : null}
        {!data ? (
          query.error ? null : <BreakdownSkeleton />
        ) : !data.field ? (
          <EmptyState icon={<SegmentsIcon />} title="Nothing to break down by yet" description="Profiles in this workspace have no traits or context fields yet. Once identify calls or page views arrive, their fields show up here." data-testid="breakdown-empty" />
        ) : data.segment.size === 0 ? (
          <EmptyState icon={<SegmentsIcon />} title="No members yet" description="This segment has no members right now, so there is nobody to compare with all profiles." data-testid="breakdown-empty" />
        ) : (
          <>
            {asTable ? <BreakdownTable data={data} /> : <BreakdownBars data={data} />}
            <Legend />
          </>
        )}
      </CardBody>
    </Card>
  );
}

function Legend() {
  return (
    <div className="flex flex-wrap items-center gap-x-5 gap-y-1 text-xs text-slate-500">
      <span className="inline-flex items-center gap-1.5">
        <span className="size-2.5 rounded-sm bg-indigo-600" aria-hidden="true" /> In segment
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span className="size-2.5 rounded-sm bg-slate-300" aria-hidden="true" /> All profiles
      </span>
      <span>
        Index = share in segment ÷ share of all profiles × 100. <span className="font-medium text-emerald-700">▲ {INDEX_HIGH}+</span> over-represented,{" "}
        <span className="font-medium text-red-700">▼ {INDEX_LOW} or less</span> under-represented (with at least {MIN_SIGNAL_MEMBERS} people).
      </span>
    </div>
  );
}

function BreakdownSkeleton() {
  return (
    <div aria-busy="true" aria-label="Counting the breakdown" className="space-y-3" data-testid="breakdown-loading">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="flex items-center gap-3">
          <Skeleton className="h-4 w-24" />
          <div className="flex-1 space-y-1">
            <Skeleton className="h-3" />
            <Skeleton className="h-3 w-2/3" />
          </div>
        </div>
      ))}
    </div>
  );
}
