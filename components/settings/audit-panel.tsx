"use client";

import Link from "next/link";
import { useState } from "react";
import { formatDateTime } from "@/components/format";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { changedFields, describeAction } from "./audit-format";
import type { AuditRow } from "./types";
import { useAuditLog } from "./use-settings-queries";

const ENTITY_LABELS: Record<string, string> = {
  segment: "Segments",
  experience: "Experiences",
  slot: "Slots",
  member: "Members",
  api_key: "API keys",
  profile: "Profile deletions",
  workspace: "Workspace",
};

function field(value: unknown, key: string): string | null {
  if (value && typeof value === "object" && key in value) {
    const v = (value as Record<string, unknown>)[key];
    return typeof v === "string" ? v : null;
  }
  return null;
}

/** What the entry is about, linked to its page while it still exists. */
function Subject({ row }: { row: AuditRow }) {
  const gone = row.action.endsWith(".deleted");
  const href = row.entityType === "segment" ? `/segments/${encodeURIComponent(row.entityId)}` : row.entityType === "experience" ? `/personalization/${encodeURIComponent(row.entityId)}` : row.entityType === "slot" ? `/personalization/slots/${encodeURIComponent(row.entityId)}` : null;
  const label = field(row.after, "name") ?? field(row.before, "name") ?? field(row.after, "email") ?? field(row.before, "email") ?? row.entityId;
  const id = label === row.entityId ? null : row.entityId;
  return (
    <span className="min-w-0">
      {href && !gone ? (
        <Link href={href} className="font-medium text-accent-700 hover:underline">
          {label}
        </Link>
      ) : (
        <span className="font-medium text-slate-900">{label}</span>
      )}
      {id ? <code className="ml-1.5 font-mono text-xs text-slate-500">{id.length > 40 ? `${id.slice(0, 37)}…` : id}</code> : null}
    </span>
  );
}

function Changes({ row }: { row: AuditRow }) {
  const fields = changedFields(row.before, row.after);
  if (!fields.length) return <span className="text-slate-400">—</span>;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-600 hover:text-slate-900">
        {fields.length} {fields.length === 1 ? "field" : "fields"}: {fields.slice(0, 3).map((f) => f.key).join(", ")}
        {fields.length > 3 ? "…" : ""}
      </summary>
      <dl className="mt-2 space-y-1.5">
        {fields.map((f) => (
          <div key={f.key}>
            <dt className="font-mono text-slate-500">{f.key}</dt>
            <dd className="break-all font-mono">
              {f.before !== undefined ? <span className="text-red-700 line-through decoration-red-300">{clip(f.before)}</span> : null}
              {f.before !== undefined && f.after !== undefined ? <span className="text-slate-400"> → </span> : null}
              {f.after !== undefined ? <span className="text-emerald-700">{clip(f.after)}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

const clip = (s: string) => (s.length > 300 ? `${s.slice(0, 297)}…` : s);

/** Who changed what in the workspace, newest first, with the fields each change touched. */
export function AuditPanel({ workspace }: { workspace: string }) {
  const [entityType, setEntityType] = useState("");
  const log = useAuditLog(workspace, entityType);
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <Card>
      <CardHeader
        title="Audit log"
        description="Every change to segments, experiences, slots, members and keys, and every profile deletion (without the person's data)."
        actions={
          <Select aria-label="Show changes to" value={entityType} onChange={(e) => setEntityType(e.target.value)} className="w-48">
            <option value="">Everything</option>
            {Object.entries(ENTITY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        }
      />
      {log.error ? (
        <div className="p-5">
          <Alert tone="danger">The audit log could not be loaded: {log.error.message}</Alert>
        </div>
      ) : log.isPending ? (
        <p className="px-5 py-8 text-center text-sm text-slate-500">Loading the audit log…</p>
      ) : rows.length === 0 ? (
        <EmptyState title="No changes recorded yet" description={entityType ? `Nothing about ${ENTITY_LABELS[entityType].toLowerCase()} so far.` : "Changes appear here as people edit the workspace."} data-testid="audit-empty" />
      ) : (
        <>
          <Table data-testid="audit-table">
            <THead>
              <tr>
                <TH>When</TH>
                <TH>Who</TH>
                <TH>What</TH>
                <TH>About</TH>
                <TH>Changes</TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((row) => (
                <TR key={row.id} data-testid="audit-row">
                  <TD className="whitespace-nowrap text-slate-500">
                    <span title={formatDateTime(row.at)}>
                      <RelativeTime value={row.at} />
                    </span>
                  </TD>
                  <TD className="max-w-48 truncate">{row.actorLabel}</TD>
                  <TD className="whitespace-nowrap">{describeAction(row.action)}</TD>
                  <TD className="max-w-72">
                    <Subject row={row} />
                  </TD>
                  <TD className="max-w-md align-top">
                    <Changes row={row} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <div className="flex items-center justify-between border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
            <span>
              {rows.length} {rows.length === 1 ? "entry" : "entries"} shown, newest first
            </span>
            {log.hasNextPage ? (
              <Button variant="secondary" size="sm" pending={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
                Load more
              </Button>
            ) : null}
          </div>
        </>
      )}
    </Card>
  );
}
