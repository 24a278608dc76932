"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { ApiRequestError, apiFetch } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs } from "@/components/ui/tabs";
import type { Catalog } from "@/lib/rules/catalog";
import { queryKeys } from "@/lib/query-keys";
import { RelativeTime } from "@/components/relative-time";
import { SavePanel } from "./save-panel";
import { DeleteDialog, DuplicateDialog } from "./segment-dialogs";
import { SegmentEditor } from "./segment-editor";
import { SegmentHistory } from "./segment-history";
import { SegmentInsights } from "./segment-insights";
import { SegmentLiveStatus } from "./segment-live-status";
import { SegmentMembers } from "./segment-members";
import type { SegmentDto } from "./types";
import { useCatalog, useSegment, useUpdateSegment } from "./use-segment-queries";
import { useSegmentDraft } from "./use-segment-draft";

export interface SegmentDetailProps {
  workspace: string;
  segmentKey: string;
  canEdit: boolean;
  initialTab?: string;
}

/** /segments/[key]: the saved segment in the editor, its members and its history. */
export function SegmentDetail({ workspace, segmentKey, canEdit, initialTab }: SegmentDetailProps) {
  const segment = useSegment(workspace, segmentKey);
  const catalog = useCatalog(workspace);
  const error = segment.error ?? catalog.error;
  if (error) return <Alert tone="danger" title="This segment could not be loaded">{error.message}</Alert>;
  if (!segment.data || !catalog.data) return <Skeleton className="h-96 w-full" />;
  return <LoadedSegment workspace={workspace} segment={segment.data.segment} catalog={catalog.data} canEdit={canEdit} initialTab={initialTab} />;
}

function LoadedSegment({ workspace, segment, catalog, canEdit, initialTab }: { workspace: string; segment: SegmentDto; catalog: Catalog; canEdit: boolean; initialTab?: string }) {
  const queryClient = useQueryClient();
  const state = useSegmentDraft(segment);
  const save = useUpdateSegment(workspace, segment.key);
  const status = useUpdateSegment(workspace, segment.key);
  const [dialog, setDialog] = useState<"duplicate" | "delete" | null>(null);
  const [reloading, setReloading] = useState(false);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const { draft } = state;
  const archived = segment.status === "archived";

  const { reset: resetSave, isError } = save;
  useEffect(() => {
    if (isError) resetSave();
    // A save error describes the draft it was sent with; an edit makes it stale.
  }, [draft]);

  const server = save.error instanceof ApiRequestError && save.error.status === 422 ? save.error.fieldErrors() : {};
  const errors = { name: server.name ?? (draft.name.trim() ? null : "Give the segment a name"), description: server.description, tags: server.tags };

  function onSave() {
    if (jsonError || !draft.name.trim()) return;
    save.mutate(
      { name: draft.name.trim(), description: draft.description.trim(), tags: draft.tags, rule: draft.rule, expectedVersion: state.baseVersion },
      { onSuccess: ({ segment: saved }) => state.reset(saved) },
    );
  }

  async function reload() {
    setReloading(true);
    try {
      const fresh = await apiFetch<{ segment: SegmentDto }>(`/api/v1/segments/${encodeURIComponent(segment.key)}`, { workspace });
      queryClient.setQueryData(queryKeys.segment(workspace, segment.key), fresh);
      state.reset(fresh.segment);
      save.reset();
    } finally {
      setReloading(false);
    }
  }

  function setStatus(next: "active" | "archived") {
    status.mutate({ status: next, expectedVersion: state.baseVersion }, { onSuccess: ({ segment: saved }) => state.reset(saved, true) });
  }

  const actions = canEdit ? (
    <>
      <Button variant="secondary" size="sm" onClick={() => setDialog("duplicate")} data-testid="duplicate-segment">
        <CopyIcon className="size-4" />
        Duplicate
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setStatus(archived ? "active" : "archived")} pending={status.isPending} data-testid={archived ? "restore-segment" : "archive-segment"}>
        {archived ? "Restore" : "Archive"}
      </Button>
      <Button variant="danger-ghost" size="sm" onClick={() => setDialog("delete")} data-testid="delete-segment">
        Delete
      </Button>
    </>
  ) : null;

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/segments" className="hover:text-slate-700">← Segments</Link>}
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span data-testid="segment-title">{segment.name}</span>
            {archived ? <Badge tone="warning">Archived</Badge> : null}
          </span>
        }
        description={
          <>
            <code className="font-mono text-xs text-slate-600">{segment.key}</code> · version {segment.version} · changed <RelativeTime value={segment.updatedAt} /> by {segment.updatedBy || "unknown"}
          </>
        }
        actions={actions}
      />
      <SegmentLiveStatus segment={segment} />
      {status.error ? (
        <Alert tone="danger" className="mb-6">
          {status.error.message}
        </Alert>
      ) : null}
      {archived ? (
        <Alert tone="warning" className="mb-6" title="This segment is archived" data-testid="archived-note">
          It is hidden from the segment list and should not be used for new experiences. Segments that refer to it still work. {canEdit ? "Restore it to use it again." : null}
        </Alert>
      ) : null}
      <Tabs
        label="Segment sections"
        defaultValue={initialTab}
        syncWithUrl
        items={[
          {
            id: "rule",
            label: <span data-testid="tab-rule">Rule</span>,
            content: (
              <SegmentEditor
                workspace={workspace}
                catalog={catalog}
                state={state}
                segmentKey={segment.key}
                canEdit={canEdit}
                detailErrors={errors}
                saveError={save.error}
                onRuleTextError={setJsonError}
                savePanel={canEdit ? <SavePanel onSave={onSave} pending={save.isPending} dirty={state.dirty} version={state.baseVersion} error={save.error} onReload={reload} reloading={reloading} blocked={jsonError} /> : undefined}
              />
            ),
          },
          { id: "members", label: <span data-testid="tab-members">Members</span>, content: <SegmentMembers workspace={workspace} segmentKey={segment.key} dirty={state.dirty} /> },
          { id: "insights", label: <span data-testid="tab-insights">Insights</span>, content: <SegmentInsights workspace={workspace} segmentKey={segment.key} /> },
          { id: "history", label: <span data-testid="tab-history">History</span>, content: <SegmentHistory workspace={workspace} segmentKey={segment.key} /> },
        ]}
      />
      {canEdit ? (
        <>
          {dialog === "duplicate" ? <DuplicateDialog workspace={workspace} segment={segment} open onClose={() => setDialog(null)} /> : null}
          {dialog === "delete" ? <DeleteDialog workspace={workspace} segment={segment} open onClose={() => setDialog(null)} /> : null}
        </>
      ) : null}
    </>
  );
}
