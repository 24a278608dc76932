"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import type { Role } from "@/db/schema";
import { cn } from "@/components/ui/cn";
import { MenuIcon, XIcon } from "@/components/ui/icons";
import { Logo } from "@/components/ui/logo";
import { NavLinks } from "./nav-links";
import type { ShellUser, ShellWorkspace } from "./types";
import { UserPanel } from "./user-panel";
import { WorkspaceSwitcher } from "./workspace-switcher";

export interface AppShellProps {
  user: ShellUser;
  role: Role;
  workspace: ShellWorkspace;
  workspaces: ShellWorkspace[];
  children: ReactNode;
}

/**
 * The dashboard frame: a fixed sidebar on wide screens; on narrow ones a top bar whose menu
 * button opens the same navigation as a sheet.
 */
export function AppShell({ user, role, workspace, workspaces, children }: AppShellProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const pathname = usePathname();

  useEffect(() => setMenuOpen(false), [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setMenuOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>

      {/* Narrow screens: a top bar whose button shows the sidebar as a full-height sheet. */}
      <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-3 border-b border-slate-200 bg-white/90 px-4 backdrop-blur lg:hidden" data-testid="topbar">
        <Link href="/" className="inline-flex rounded-md" aria-label="Tailor overview">
          <Logo />
        </Link>
        <div className="flex min-w-0 items-center gap-2">
          <span className="truncate text-sm text-slate-500">{workspace.name}</span>
          <button
            type="button"
            onClick={() => setMenuOpen((o) => !o)}
            aria-expanded={menuOpen}
            aria-controls="sidebar"
            data-testid="menu-toggle"
            className="flex size-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100"
          >
            {menuOpen ? <XIcon className="size-5" /> : <MenuIcon className="size-5" />}
            <span className="sr-only">{menuOpen ? "Close menu" : "Open menu"}</span>
          </button>
        </div>
      </header>

      {/* One sidebar for every width, so each control exists once in the page. */}
      <aside
        id="sidebar"
        data-testid="sidebar"
        className={cn(
          "fixed inset-x-0 top-14 bottom-0 z-20 flex-col overflow-y-auto bg-white px-4 pt-4 pb-4",
          menuOpen ? "flex" : "hidden",
          "lg:top-0 lg:right-auto lg:flex lg:w-64 lg:border-r lg:border-slate-200 lg:pt-5",
        )}
      >
        <Link href="/" className="mb-6 hidden rounded-md px-1 lg:inline-flex" aria-label="Tailor overview">
          <Logo />
        </Link>
        <WorkspaceSwitcher current={workspace} role={role} workspaces={workspaces} />
        <div className="mt-5 flex-1">
          <NavLinks onNavigate={() => setMenuOpen(false)} />
        </div>
        <div className="mt-6 border-t border-slate-200 pt-4">
          <UserPanel user={user} />
        </div>
      </aside>

      <main id="main" tabIndex={-1} className="lg:pl-64 focus:outline-none">
        <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8 lg:px-10">{children}</div>
      </main>
    </div>
  );
}
