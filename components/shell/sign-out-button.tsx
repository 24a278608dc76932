"use client";

import { useState } from "react";
import { signOut } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { LogOutIcon } from "@/components/ui/icons";

/** A labelled sign-out button for pages outside the dashboard shell. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      pending={pending}
      data-testid="sign-out"
      onClick={() => {
        setPending(true);
        void signOut();
      }}
    >
      {pending ? null : <LogOutIcon className="size-4" />}
      Sign out
    </Button>
  );
}
