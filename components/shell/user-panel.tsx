"use client";

import { useState } from "react";
import { signOut } from "@/components/api-client";
import { LogOutIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import type { ShellUser } from "./types";

/** The signed-in person and the sign-out button (their role shows in the workspace switcher). */
export function UserPanel({ user }: { user: ShellUser }) {
  const [pending, setPending] = useState(false);
  return (
    <div className="flex items-center gap-2.5" data-testid="user-panel">
      <span
        className="flex size-8 shrink-0 items-center justify-center rounded-full bg-accent-100 text-xs font-semibold text-accent-700"
        aria-hidden="true"
      >
        {(user.name || user.email).slice(0, 1).toUpperCase()}
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-900" data-testid="user-name">
          {user.name}
        </p>
        <p className="truncate text-xs text-slate-500" data-testid="user-email">
          {user.email}
        </p>
      </div>
      <button
        type="button"
        onClick={() => {
          setPending(true);
          void signOut();
        }}
        disabled={pending}
        data-testid="sign-out"
        title="Sign out"
        className="flex size-8 shrink-0 items-center justify-center rounded-md text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900"
      >
        {pending ? <Spinner className="size-4" /> : <LogOutIcon className="size-4" />}
        <span className="sr-only">Sign out</span>
      </button>
    </div>
  );
}
