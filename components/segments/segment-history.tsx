"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/relative-time";
import type { SegmentChange, SegmentVersionDto } from "./types";
import { useSegmentVersions } from "./use-segment-queries";

/** A changed value in a few words: text as is, objects as short JSON. */
function show(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  if (typeof value !== "object") return String(value);
  const json = JSON.stringify(value);
  return json.length > 90 ? `${json.slice(0, 87)}…` : json;
}

/** "rule.children.0.value" → "rule › children › 0 › value". */
const showPath = (path: string) => path.split(".").join(" › ");

function Change({ change }: { change: SegmentChange }) {
  return (
    <li className="flex flex-wrap gap-x-1.5 text-xs leading-5" data-testid="version-change">
      <code className="font-mono text-[11px] text-slate-500">{showPath(change.path)}:</code>
      {change.kind === "added" ? (
        <span className="text-emerald-700">added {show(change.after)}</span>
      ) : change.kind === "removed" ? (
        <span className="text-red-700">removed {show(change.before)}</span>
      ) : (
        <span className="text-slate-700">
          <span className="text-red-700 line-through decoration-red-300">{show(change.before)}</span> → <span className="text-emerald-700">{show(change.after)}</span>
        </span>
      )}
    </li>
  );
}

const SHOWN_CHANGES = 6;

function VersionRow({ version, latest }: { version: SegmentVersionDto; latest: boolean }) {
  const [all, setAll] = useState(false);
  const changes = all ? version.changes : version.changes.slice(0, SHOWN_CHANGES);
  return (
    <li className="flex gap-4 px-5 py-4" data-testid="version-row" data-version={version.version}>
      <div className="flex w-10 shrink-0 justify-center">
        <span className="flex h-6 min-w-8 items-center justify-center rounded-full bg-slate-100 px-2 text-xs font-semibold text-slate-700 tabular">v{version.version}</span>
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <span className="font-medium text-slate-900">{version.changedBy || "Unknown"}</span>
          <span className="text-slate-400">·</span>
          <RelativeTime value={version.changedAt} className="text-slate-500" />
          {version.note ? <Badge tone={version.note === "Archived" ? "warning" : "neutral"}>{version.note}</Badge> : null}
          {latest ? <Badge tone="accent">Current</Badge> : null}
        </div>
        <p className="mt-1 text-[13px] text-slate-600">{version.summary}</p>
        {version.changes.length ? (
          <ul className="mt-2 space-y-0.5 rounded-md bg-slate-50 px-3 py-2">
            {changes.map((c, i) => (
              <Change key={`${c.path}-${i}`} change={c} />
            ))}
            {version.changes.length > SHOWN_CHANGES ? (
              <li>
                <button type="button" onClick={() => setAll((a) => !a)} className="text-xs font-medium text-accent-700 hover:underline">
                  {all ? "Show fewer" : `Show all ${version.changes.length} changes`}
                </button>
              </li>
            ) : null}
          </ul>
        ) : null}
      </div>
    </li>
  );
}

/** Every saved version, newest first: who, when, why, the rule in words and what changed. */
export function SegmentHistory({ workspace, segmentKey }: { workspace: string; segmentKey: string }) {
  const versions = useSegmentVersions(workspace, segmentKey);
  return (
    <Card>
      <CardHeader title="History" description="Each save makes a new version. Nothing is overwritten." />
      {versions.error ? (
        <div className="p-5">
          <Alert tone="danger">The history could not be loaded: {versions.error.message}</Alert>
        </div>
      ) : !versions.data ? (
        <div className="space-y-4 p-5" aria-busy="true">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-14 w-full" />
          ))}
        </div>
      ) : (
        <ol className="divide-y divide-slate-100" data-testid="versions">
          {versions.data.data.map((v, i) => (
            <VersionRow key={v.version} version={v} latest={i === 0} />
          ))}
        </ol>
      )}
    </Card>
  );
}
