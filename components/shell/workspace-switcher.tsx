"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { switchWorkspace } from "@/app/actions/switch-workspace";
import { RoleBadge } from "@/components/role-badge";
import { cn } from "@/components/ui/cn";
import { CheckIcon, ChevronUpDownIcon, PlusIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import type { Role } from "@/db/schema";
import { NewWorkspaceDialog } from "./new-workspace-dialog";
import type { ShellWorkspace } from "./types";

export interface WorkspaceSwitcherProps {
  current: ShellWorkspace;
  /** The signed-in user's role in the current workspace. */
  role: Role;
  workspaces: ShellWorkspace[];
}

function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join("") || "W";
}

/** Shows the current workspace and lets a member of several switch between them. */
export function WorkspaceSwitcher({ current, role, workspaces }: WorkspaceSwitcherProps) {
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const pathname = usePathname();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function choose(slug: string) {
    setOpen(false);
    setError(null);
    if (slug === current.slug) return;
    startTransition(async () => {
      const result = await switchWorkspace(slug);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      // A detail page (/segments/<id>) belongs to the old workspace: go to its section instead.
      const section = `/${pathname.split("/")[1] ?? ""}`;
      if (section !== pathname) router.push(section);
      else router.refresh();
    });
  }

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        data-testid="workspace-switcher"
        className="flex w-full items-center gap-2.5 rounded-lg border border-slate-200 bg-white px-2.5 py-2 text-left shadow-xs transition-colors hover:bg-slate-50"
      >
        <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-slate-900 text-xs font-semibold text-white" aria-hidden="true">
          {initials(current.name)}
        </span>
        <span className="min-w-0 flex-1">
          <span className="sr-only">Workspace: </span>
          <span className="block truncate text-sm font-medium text-slate-900" data-testid="current-workspace">
            {current.name}
          </span>
          <span className="mt-0.5 flex items-center gap-1.5">
            <span data-testid="current-role">
              <span className="sr-only">, your role: </span>
              <RoleBadge role={role} />
            </span>
            <span className="truncate text-xs text-slate-500">{current.isDemo ? "Demo" : current.slug}</span>
          </span>
        </span>
        {pending ? <Spinner className="size-4 text-slate-400" /> : <ChevronUpDownIcon className="size-4 shrink-0 text-slate-400" />}
      </button>
      {open ? (
        <div
          id={listId}
          className="absolute inset-x-0 top-full z-30 mt-1 overflow-hidden rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
        >
          <p className="px-3 pt-1.5 pb-1 text-xs font-medium text-slate-500">Switch workspace</p>
          <ul>
            {workspaces.map((w) => {
              const selected = w.slug === current.slug;
              return (
                <li key={w.slug}>
                  <button
                    type="button"
                    onClick={() => choose(w.slug)}
                    aria-current={selected ? "true" : undefined}
                    data-testid={`workspace-option-${w.slug}`}
                    className={cn(
                      "flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:bg-slate-50",
                      selected ? "font-medium text-slate-900" : "text-slate-700",
                    )}
                  >
                    <span className="min-w-0 flex-1 truncate">{w.name}</span>
                    <RoleBadge role={w.role} />
                    <CheckIcon className={cn("size-4 shrink-0 text-accent-600", selected ? "visible" : "invisible")} />
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="mt-1 border-t border-slate-100 pt-1">
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                setCreating(true);
              }}
              data-testid="new-workspace"
              className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-50 focus-visible:bg-slate-50"
            >
              <PlusIcon className="size-4 shrink-0 text-slate-400" />
              New workspace…
            </button>
          </div>
        </div>
      ) : null}
      <NewWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
      {error ? (
        <p role="alert" className="mt-1.5 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
