"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { queryKeys } from "@/lib/query-keys";
import { ColumnMappingTable } from "./column-mapping-table";
import { ImportProgress } from "./import-progress";
import type { ColumnMapping, ImportPreview } from "./types";
import { useImportJob, usePreviewImport, useStartImport } from "./use-import-queries";

const MAX_MB = 10;

/** /profiles/import: upload a CSV, map its columns, then watch the import run in the background. */
export function ImportWizard({ workspace }: { workspace: string }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [columns, setColumns] = useState<ColumnMapping[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const previewing = usePreviewImport(workspace);
  const starting = useStartImport(workspace);
  const job = useImportJob(workspace, jobId);

  function choose(next: File | undefined) {
    setPreview(null);
    setJobId(null);
    starting.reset();
    if (!next) return;
    setFile(next);
    if (next.size > MAX_MB * 1024 * 1024) {
      previewing.reset();
      return;
    }
    previewing.mutate(next, { onSuccess: (p) => { setPreview(p); setColumns(p.suggested); } });
  }

  function start() {
    if (!file) return;
    starting.mutate({ file, columns }, {
      onSuccess: ({ import: created }) => {
        queryClient.setQueryData(queryKeys.importJob(workspace, created.id), { import: created });
        setJobId(created.id);
        void queryClient.invalidateQueries({ queryKey: queryKeys.profilesAll(workspace) });
      },
    });
  }

  const tooBig = file ? file.size > MAX_MB * 1024 * 1024 : false;
  const hasId = columns.some((c) => c.target === "userId" || c.target === "anonymousId");

  if (jobId && job.data) {
    return (
      <div className="space-y-4">
        <ImportProgress job={job.data.import} />
        {job.data.import.status !== "running" ? (
          <div className="flex gap-2">
            <Link href="/profiles" className={buttonClasses("primary")}>See profiles</Link>
            <Button variant="secondary" onClick={() => { setFile(null); setPreview(null); setJobId(null); }}>Import another file</Button>
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <Card className="px-5 py-4">
        <label htmlFor="import-file" className="text-sm font-medium text-slate-900">CSV file</label>
        <p className="mt-0.5 text-xs text-slate-500">Comma-separated, UTF-8, first row holds the column names, up to {MAX_MB} MB. Each row becomes an identify call: one column must hold a userId or anonymousId.</p>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => choose(e.target.files?.[0])}
          className="mt-3 block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
          data-testid="import-upload"
        />
        {tooBig ? <Alert tone="danger" className="mt-3">This file is {(file!.size / 1048576).toFixed(1)} MB; at most {MAX_MB} MB can be imported at once. Split it into smaller files.</Alert> : null}
        {previewing.error ? <Alert tone="danger" className="mt-3" title="This file cannot be imported" data-testid="import-file-error">{previewing.error.message}</Alert> : null}
        {previewing.isPending ? <p className="mt-3 text-sm text-slate-500">Reading the file…</p> : null}
      </Card>

      {preview ? (
        <Card>
          <div className="border-b border-slate-100 px-5 py-3">
            <h2 className="text-sm font-semibold text-slate-900">Map the columns</h2>
            <p className="text-xs text-slate-500">
              {preview.filename} · {formatNumber(preview.columns.length)} columns. Empty cells set nothing; rows with a value that does not fit its type are reported and skipped. Importing the same file with the same mapping again changes nothing.
            </p>
          </div>
          <ColumnMappingTable preview={preview} columns={columns} onChange={setColumns} />
          <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 px-5 py-3">
            <Button onClick={start} pending={starting.isPending} disabled={!hasId} data-testid="import-start">Start import</Button>
            {!hasId ? <span className="text-sm text-red-700">Map one column to userId or anonymousId.</span> : null}
            {starting.error ? <Alert tone="danger" className="w-full">{starting.error.message}</Alert> : null}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
