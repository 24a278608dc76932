"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { NewWorkspaceDialog } from "./new-workspace-dialog";

/** On the "no workspace" page: start a workspace of one's own instead of waiting for an invitation. */
export function CreateFirstWorkspace() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="create-first-workspace">
        Create a workspace
      </Button>
      <NewWorkspaceDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
