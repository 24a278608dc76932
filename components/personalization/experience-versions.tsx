"use client";

import { formatDateTime } from "@/components/format";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { describeSchedule } from "./schedule";
import { useExperienceVersions } from "./use-personalization-queries";

/** Published versions, newest first: who published, when, what it held. */
export function ExperienceVersions({ workspace, experienceKey, currentVersion, live }: { workspace: string; experienceKey: string; currentVersion: number; live: boolean }) {
  const versions = useExperienceVersions(workspace, experienceKey);
  if (versions.error) return <Alert tone="danger" title="The versions could not be loaded">{versions.error.message}</Alert>;
  if (!versions.data) return <Skeleton className="h-40 w-full" />;
  const list = versions.data.data;
  if (list.length === 0) {
    return <EmptyState title="Not published yet" description="Every publish stores a version here: a snapshot of what visitors get, with who published it and when." data-testid="versions-empty" />;
  }
  return (
    <Card>
      <CardHeader title="Published versions" description="Each publish snapshots the draft. Visitors get the newest version while the experience is live." />
      <Table data-testid="versions-table">
        <THead>
          <tr>
            <TH>Version</TH>
            <TH>Published</TH>
            <TH>By</TH>
            <TH>Content</TH>
            <TH>Snapshot</TH>
          </tr>
        </THead>
        <TBody>
          {list.map((v) => (
            <TR key={v.version} data-testid="version-row">
              <TD className="whitespace-nowrap">
                <span className="font-medium text-slate-900">v{v.version}</span>{" "}
                {v.version === currentVersion ? <Badge tone={live ? "success" : "neutral"}>{live ? "serving" : "latest"}</Badge> : null}
              </TD>
              <TD className="whitespace-nowrap">
                <RelativeTime value={v.publishedAt} className="text-slate-700" />
                <span className="block text-xs text-slate-400">{formatDateTime(v.publishedAt)}</span>
              </TD>
              <TD className="max-w-56 truncate">{v.publishedBy}</TD>
              <TD className="text-xs text-slate-600">
                {v.snapshot.rules.length} rules · {Object.keys(v.snapshot.variants).length} variants · default variant “{v.snapshot.defaultVariant}”
                <span className="block text-slate-400">
                  priority {v.snapshot.priority} · {describeSchedule(v.snapshot.scheduleStart, v.snapshot.scheduleEnd, v.snapshot.timeZone)}
                  {v.snapshot.holdoutPercent ? ` · holdout ${v.snapshot.holdoutPercent}%` : ""}
                </span>
              </TD>
              <TD>
                <details>
                  <summary className="cursor-pointer text-xs text-accent-700 select-none">JSON</summary>
                  <pre className="mt-1 max-h-72 max-w-xl overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-700">{JSON.stringify(v.snapshot, null, 2)}</pre>
                </details>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
