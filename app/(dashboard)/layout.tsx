import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { getDashboardContext } from "./_lib/context";

/** Every signed-in page: resolves the user and workspace (or redirects) and draws the shell. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Never prerender at build time: the context opens the database before it reads the request.
  await connection();
  const ctx = await getDashboardContext();
  const current = ctx.workspaces.find((w) => w.id === ctx.workspace.id);
  return (
    <AppShell
      user={{ name: ctx.user.name, email: ctx.user.email }}
      role={ctx.role}
      workspace={{ slug: ctx.workspace.slug, name: ctx.workspace.name, isDemo: ctx.workspace.isDemo, role: current?.role ?? ctx.role }}
      workspaces={ctx.workspaces.map((w) => ({ slug: w.slug, name: w.name, role: w.role, isDemo: w.isDemo }))}
    >
      {children}
    </AppShell>
  );
}
