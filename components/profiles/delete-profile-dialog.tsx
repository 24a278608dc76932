"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useDeleteProfile } from "./use-profile-queries";

const CONFIRM_WORD = "DELETE";

export interface DeleteProfileDialogProps {
  workspace: string;
  profileId: string;
  label: string;
  eventCount: number;
  open: boolean;
  onClose: () => void;
}

/** Asks for the word DELETE before removing a person for good, then returns to the list. */
export function DeleteProfileDialog({ workspace, profileId, label, eventCount, open, onClose }: DeleteProfileDialogProps) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const remove = useDeleteProfile(workspace, profileId);
  const confirmed = typed.trim() === CONFIRM_WORD;

  function close() {
    if (remove.isPending) return;
    setTyped("");
    remove.reset();
    onClose();
  }

  function submit() {
    if (!confirmed) return;
    remove.mutate(undefined, { onSuccess: () => router.push("/profiles?deleted=1") });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!remove.isPending}
      title={`Delete ${label}?`}
      description="This cannot be undone."
      data-testid="delete-profile-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={submit} disabled={!confirmed} pending={remove.isPending} data-testid="confirm-delete-profile">
            Delete permanently
          </Button>
        </>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p className="text-sm text-slate-600">
          Tailor will remove this profile, its identities, all {formatNumber(eventCount)} of its{" "}
          {eventCount === 1 ? "event" : "events"} and its segment memberships, permanently. Use this to honour a deletion
          request; the audit log keeps only the profile id and how much was removed. If the person visits again, they start
          as a new anonymous visitor.
        </p>
        <div className="space-y-1.5">
          <Label htmlFor="confirm-delete-word">
            Type <span className="font-mono font-semibold text-red-700">{CONFIRM_WORD}</span> to confirm
          </Label>
          <Input
            id="confirm-delete-word"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            data-testid="confirm-delete-input"
          />
        </div>
        {remove.error ? <Alert tone="danger">{remove.error.message}</Alert> : null}
      </form>
    </Dialog>
  );
}
