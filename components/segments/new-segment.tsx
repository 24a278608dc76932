"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ApiRequestError } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { SavePanel } from "./save-panel";
import { SegmentEditor } from "./segment-editor";
import { useCatalog, useCreateSegment } from "./use-segment-queries";
import { keyProblem, useSegmentDraft } from "./use-segment-draft";

/** /segments/new: name it, build the rule while watching the count, save, land on the segment. */
export function NewSegment({ workspace }: { workspace: string }) {
  const router = useRouter();
  const catalog = useCatalog(workspace);
  const state = useSegmentDraft(null);
  const create = useCreateSegment(workspace);
  const [attempted, setAttempted] = useState(false);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const { draft } = state;

  // An error describes the draft it was sent with; once the draft changes it no longer applies.
  const { reset: resetCreate, isError } = create;
  useEffect(() => {
    if (isError) resetCreate();
    // Only draft edits clear the error.
  }, [draft]);

  const server = create.error instanceof ApiRequestError ? create.error.fieldErrors() : {};
  const errors = {
    name: server.name ?? (attempted && !draft.name.trim() ? "Give the segment a name" : null),
    key: server.key ?? ((attempted || draft.key) && !create.isSuccess ? keyProblem(draft.key) : null),
    description: server.description,
    tags: server.tags,
  };

  function save() {
    setAttempted(true);
    if (jsonError || !draft.name.trim() || keyProblem(draft.key)) return;
    create.mutate(
      { key: draft.key, name: draft.name.trim(), description: draft.description.trim(), tags: draft.tags, rule: draft.rule },
      {
        onSuccess: ({ segment }) => {
          state.reset(segment);
          router.push(`/segments/${encodeURIComponent(segment.key)}`);
        },
      },
    );
  }

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/segments" className="hover:text-slate-700">← Segments</Link>}
        title="New segment"
        description="Describe who belongs in it. Conditions can use traits (who people are), events (what they did, how often, when) and other segments."
      />
      {catalog.error ? (
        <Alert tone="danger" title="The list of traits and events could not be loaded">{catalog.error.message}</Alert>
      ) : !catalog.data ? (
        <Skeleton className="h-96 w-full" />
      ) : (
        <SegmentEditor
          workspace={workspace}
          catalog={catalog.data}
          state={state}
          canEdit
          detailErrors={errors}
          saveError={create.error}
          onRuleTextError={setJsonError}
          savePanel={<SavePanel onSave={save} pending={create.isPending || create.isSuccess} dirty error={create.error} blocked={jsonError} />}
        />
      )}
    </>
  );
}
