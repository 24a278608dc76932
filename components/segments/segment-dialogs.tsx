"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ApiRequestError } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { SegmentDto } from "./types";
import { useDeleteSegment, useDuplicateSegment } from "./use-segment-queries";
import { keyProblem } from "./use-segment-draft";

/** Copies the saved segment under a new key and opens the copy. */
export function DuplicateDialog({ workspace, segment, open, onClose }: { workspace: string; segment: SegmentDto; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const id = useId();
  const duplicate = useDuplicateSegment(workspace, segment.key);
  const [key, setKey] = useState(`${segment.key}-copy`.slice(0, 64));
  const [name, setName] = useState(`${segment.name} (copy)`);
  const server = duplicate.error instanceof ApiRequestError ? duplicate.error.fieldErrors() : {};
  const keyError = server.key ?? keyProblem(key);
  const general = duplicate.error && !server.key && !server.name ? duplicate.error.message : null;

  function submit() {
    if (keyProblem(key)) return;
    duplicate.mutate(
      { key, name: name.trim() || undefined },
      { onSuccess: ({ segment: copy }) => router.push(`/segments/${encodeURIComponent(copy.key)}`) },
    );
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!duplicate.isPending}
      title="Duplicate segment"
      description="The copy starts at version 1 with the saved rule (not unsaved changes)."
      data-testid="duplicate-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={duplicate.isPending}>
            Cancel
          </Button>
          <Button onClick={submit} pending={duplicate.isPending || duplicate.isSuccess} disabled={Boolean(keyProblem(key))} data-testid="confirm-duplicate">
            Duplicate
          </Button>
        </>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field id={`${id}-name`} label="Name" error={server.name}>
          <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} data-testid="duplicate-name" />
        </Field>
        <Field id={`${id}-key`} label="Key" error={keyError}>
          <Input id={`${id}-key`} value={key} onChange={(e) => setKey(e.target.value.toLowerCase())} maxLength={64} className="font-mono text-[13px]" invalid={Boolean(keyError)} data-testid="duplicate-key" />
        </Field>
        {general ? <Alert tone="danger">{general}</Alert> : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

/** Deletes the segment and its history after confirmation; a segment in use is refused with who uses it. */
export function DeleteDialog({ workspace, segment, open, onClose }: { workspace: string; segment: SegmentDto; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const remove = useDeleteSegment(workspace, segment.key);
  const inUse = remove.error instanceof ApiRequestError && remove.error.status === 409;

  return (
    <Dialog
      open={open}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      dismissible={!remove.isPending}
      title={`Delete “${segment.name}”?`}
      description="The segment and all its versions are deleted for good. Archiving hides it but keeps everything."
      data-testid="delete-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => remove.mutate(undefined, { onSuccess: () => router.push("/segments") })} pending={remove.isPending || remove.isSuccess} disabled={inUse} data-testid="confirm-delete">
            Delete segment
          </Button>
        </>
      }
    >
      {remove.error ? (
        <Alert tone="danger" title={inUse ? "This segment is in use" : "It could not be deleted"} data-testid="delete-error">
          {remove.error.message}
        </Alert>
      ) : (
        <p className="text-sm text-slate-600">
          Anything that calls the API with the key <code className="rounded bg-slate-100 px-1 font-mono text-xs">{segment.key}</code> will get a “not found” error.
        </p>
      )}
    </Dialog>
  );
}
