import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { getAuth } from "@/lib/auth/auth";
import { listUserWorkspaces } from "@/lib/workspaces/workspaces";
import { CreateFirstWorkspace } from "@/components/shell/create-first-workspace";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Logo } from "@/components/ui/logo";

export const metadata: Metadata = { title: "No workspace" };

/** Signed in, but a member of no workspace: wait for an admin to add them, or create one. */
export default async function NoWorkspacePage() {
  await connection();
  const session = await (await getAuth()).api.getSession({ headers: await headers() });
  if (!session) redirect("/sign-in");
  const workspaces = await listUserWorkspaces(await getDb(), session.user.id);
  if (workspaces.length > 0) redirect("/");

  return (
    <div className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <Logo className="mb-8" />
      <main className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm" data-testid="no-workspace">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">You are not in a workspace yet</h1>
        <p className="mt-2 text-sm text-slate-500">
          You are signed in as <strong className="font-medium text-slate-700">{session.user.email}</strong>, but no
          workspace has added you. Ask an admin of your team’s workspace to add this email address, or start a workspace of your own.
        </p>
        <div className="mt-6 flex justify-center gap-3">
          <CreateFirstWorkspace />
          <SignOutButton />
        </div>
      </main>
    </div>
  );
}
