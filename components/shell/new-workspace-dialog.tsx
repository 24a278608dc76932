"use client";

import { useState, useTransition, type FormEvent } from "react";
import { createWorkspaceAction } from "@/app/actions/create-workspace";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/**
 * "New workspace": a name; the signed-in person becomes its owner and it becomes their current
 * workspace. The new workspace is empty — no profiles, segments or keys until they add them.
 */
export function NewWorkspaceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function close() {
    setName("");
    setError(null);
    onClose();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setError("Enter a workspace name, like “Acme News”.");
      return;
    }
    startTransition(async () => {
      const result = await createWorkspaceAction(name);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      // A full load: every cached query and the shell belong to the previous workspace.
      window.location.assign("/");
    });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!pending}
      title="New workspace"
      description="A separate set of profiles, segments, experiences and keys, for another brand or site. You will be its owner."
      data-testid="new-workspace-dialog"
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field id="new-workspace-name" label="Name" error={error ?? undefined} hint="The slug for URLs and the CLI is made from it.">
          <Input
            id="new-workspace-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            autoFocus
            autoComplete="off"
            invalid={Boolean(error)}
            aria-describedby={describedBy("new-workspace-name", true, error ?? undefined)}
          />
        </Field>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" pending={pending} data-testid="new-workspace-submit">
            Create workspace
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
