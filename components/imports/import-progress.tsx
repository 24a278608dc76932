"use client";

import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ImportDto } from "./types";

const SHOWN_ERRORS = 50;

/** A running or finished import: progress bar, counters, and the rows that could not be imported. */
export function ImportProgress({ job }: { job: ImportDto }) {
  const ratio = job.totalRows ? job.processed / job.totalRows : job.status === "running" ? 0 : 1;
  const tone = job.status === "failed" ? "danger" : job.status === "completed" ? "success" : "accent";
  return (
    <div className="space-y-4">
      <Card className="px-5 py-4" data-testid="import-progress" data-status={job.status}>
        <div className="flex items-center justify-between gap-3">
          <p className="text-sm font-medium text-slate-900">
            {job.filename} <Badge tone={tone}>{job.status === "running" ? "Importing…" : job.status === "completed" ? "Done" : "Stopped"}</Badge>
          </p>
          <p className="tabular text-sm text-slate-600">
            {formatNumber(job.processed)} / {job.totalRows ? formatNumber(job.totalRows) : "…"} rows
          </p>
        </div>
        <div className="mt-3 h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(ratio * 100)} aria-label="Import progress">
          <div className={job.status === "failed" ? "h-full bg-red-500" : job.status === "running" ? "h-full bg-accent-500 transition-[width] duration-500" : "h-full bg-emerald-500"} style={{ width: `${Math.min(100, ratio * 100)}%` }} />
        </div>
        <p className="mt-3 text-sm text-slate-600">
          <span className="tabular font-medium text-emerald-700" data-testid="import-succeeded">{formatNumber(job.succeeded)}</span> imported ·{" "}
          <span className="tabular font-medium text-red-700" data-testid="import-failed">{formatNumber(job.failed)}</span> with errors
        </p>
      </Card>
      {job.error ? (
        <Alert tone="danger" title="The import stopped">
          {job.error}
        </Alert>
      ) : null}
      {job.errors.length ? (
        <Card data-testid="import-errors">
          <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
            <h2 className="text-sm font-semibold text-slate-900">Rows that were not imported</h2>
            <a href={`/api/v1/imports/${encodeURIComponent(job.id)}/errors`} className={buttonClasses("secondary", "sm")} data-testid="import-errors-download" download>
              Download error report (CSV)
            </a>
          </div>
          <Table>
            <THead>
              <tr>
                <TH>Row</TH>
                <TH>Column</TH>
                <TH>Problem</TH>
              </tr>
            </THead>
            <TBody>
              {job.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                <TR key={`${e.row}-${e.column}-${i}`}>
                  <TD className="tabular">{e.row}</TD>
                  <TD className="font-mono text-xs">{e.column ?? "—"}</TD>
                  <TD className="text-slate-700">{e.message}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          {job.errors.length > SHOWN_ERRORS || job.failed > job.errors.length ? (
            <p className="border-t border-slate-100 px-5 py-2 text-xs text-slate-500">
              Showing {SHOWN_ERRORS > job.errors.length ? job.errors.length : SHOWN_ERRORS} problems; the report holds the first {formatNumber(job.errors.length)}.
            </p>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
