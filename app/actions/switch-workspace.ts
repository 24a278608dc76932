"use server";

import { refresh } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getAuth } from "@/lib/auth/auth";
import { setWorkspaceCookie } from "@/lib/auth/workspace-cookie";
import { listUserWorkspaces } from "@/lib/workspaces/workspaces";

export type SwitchWorkspaceResult = { ok: true; slug: string } | { ok: false; message: string };

const slugSchema = z.string().trim().min(1).max(100);

/**
 * Makes `slug` the signed-in user's current workspace by setting the workspace cookie, after
 * checking that the user is a member of it; a non-member gets an error, never the cookie.
 */
export async function switchWorkspace(slug: unknown): Promise<SwitchWorkspaceResult> {
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) return { ok: false, message: "Choose a workspace from the list." };
  const session = await (await getAuth()).api.getSession({ headers: await headers() });
  if (!session) return { ok: false, message: "Your session has ended. Sign in again." };

  const db = await getDb();
  const workspaces = await listUserWorkspaces(db, session.user.id);
  const target = workspaces.find((w) => w.slug === parsed.data);
  if (!target) return { ok: false, message: "You are not a member of that workspace." };

  await setWorkspaceCookie(target.slug);
  refresh();
  return { ok: true, slug: target.slug };
}

