"use server";

import { refresh } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { getAuth } from "@/lib/auth/auth";
import { createOwnedWorkspace } from "@/lib/workspaces/manage";
import { workspaceNameSchema } from "@/lib/workspaces/workspaces";
import { setWorkspaceCookie } from "@/lib/auth/workspace-cookie";

export type CreateWorkspaceResult = { ok: true; slug: string } | { ok: false; message: string };

/** Creates an empty workspace owned by the signed-in person and makes it their current one. */
export async function createWorkspaceAction(name: unknown): Promise<CreateWorkspaceResult> {
  const parsed = workspaceNameSchema.safeParse(name);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Enter a workspace name" };
  const session = await (await getAuth()).api.getSession({ headers: await headers() });
  if (!session) return { ok: false, message: "Your session has ended. Sign in again." };
  const workspace = await createOwnedWorkspace(await getDb(), session.user.id, { id: `user:${session.user.id}`, label: session.user.email }, parsed.data);
  await setWorkspaceCookie(workspace.slug);
  refresh();
  return { ok: true, slug: workspace.slug };
}
