import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb, type Database } from "@/db/client";
import type { Role, Workspace } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { verifyApiKey } from "@/lib/keys/api-keys";
import { countUsers, getWorkspace, listUserWorkspaces } from "@/lib/workspaces/workspaces";
import type { Actor } from "@/lib/audit/record-audit";
import { getAuth } from "./auth";
import { hasRole } from "./roles";

/** Cookie holding the slug of the workspace the signed-in user is looking at. */
export const WORKSPACE_COOKIE = "tailor_workspace";
/** Header an API caller with a session may use to pick the workspace instead of the cookie. */
export const WORKSPACE_HEADER = "x-tailor-workspace";

export interface WorkspaceContext {
  db: Database;
  workspace: Workspace;
  role: Role;
  actor: Actor;
  user: { id: string; name: string; email: string } | null;
}

export interface PageContext extends WorkspaceContext {
  user: { id: string; name: string; email: string };
  workspaces: Awaited<ReturnType<typeof listUserWorkspaces>>;
}

async function sessionUser(requestHeaders: Headers) {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  return session ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
}

async function resolveForUser(db: Database, user: { id: string; name: string; email: string }, wanted: string | undefined) {
  const workspaces = await listUserWorkspaces(db, user.id);
  const current = workspaces.find((w) => w.slug === wanted) ?? workspaces[0];
  if (!current) return null;
  const workspace = await getWorkspace(db, current.id);
  if (!workspace) return null;
  return { workspace, role: current.role, workspaces };
}

/**
 * For dashboard pages: the signed-in user and their current workspace. Sends the anonymous to
 * sign-in (or to owner set-up on a fresh install) and a user without workspace to a notice.
 */
export async function getPageContext(): Promise<PageContext> {
  const db = await getDb();
  const user = await sessionUser(await headers());
  if (!user) redirect((await countUsers(db)) === 0 ? "/setup" : "/sign-in");
  const resolved = await resolveForUser(db, user, (await cookies()).get(WORKSPACE_COOKIE)?.value);
  if (!resolved) redirect("/no-workspace");
  return { db, user, ...resolved, actor: { id: `user:${user.id}`, label: user.email } };
}

/** For pages that must refuse a role below `required` (they show a 403 message instead). */
export function canEdit(ctx: { role: Role }, required: Role = "editor"): boolean {
  return hasRole(ctx.role, required);
}

/**
 * For management routes: an `admin` API key (`Authorization: Bearer …`) or a session.
 * Anonymous → 401; a role below `required` → 403.
 */
export async function requireApiContext(request: Request, required: Role = "viewer"): Promise<WorkspaceContext> {
  const db = await getDb();
  const ctx = (await fromBearer(db, request)) ?? (await fromSession(db, request));
  if (!ctx) {
    throw new AppError("unauthorized", "Sign in, or send an admin API key as `Authorization: Bearer <key>`.");
  }
  if (!hasRole(ctx.role, required)) {
    throw new AppError("forbidden", `This needs the ${required} role or higher; you are ${ctx.role === "admin" ? "an" : "a"} ${ctx.role} in this workspace.`);
  }
  return ctx;
}

async function fromBearer(db: Database, request: Request): Promise<WorkspaceContext | null> {
  const header = request.headers.get("authorization");
  if (!header?.toLowerCase().startsWith("bearer ")) return null;
  const key = await verifyApiKey(db, header.slice(7).trim(), ["admin"]);
  if (!key) throw new AppError("unauthorized", "The API key is unknown, revoked, or not an admin key.");
  return { db, workspace: key.workspace, role: "admin", actor: { id: `key:${key.id}`, label: `API key ${key.name}` }, user: null };
}

async function fromSession(db: Database, request: Request): Promise<WorkspaceContext | null> {
  const user = await sessionUser(request.headers);
  if (!user) return null;
  const wanted = request.headers.get(WORKSPACE_HEADER) ?? readCookie(request, WORKSPACE_COOKIE);
  const resolved = await resolveForUser(db, user, wanted ?? undefined);
  if (!resolved) throw new AppError("forbidden", "You are not a member of any workspace yet; ask an admin to invite you.");
  return { db, workspace: resolved.workspace, role: resolved.role, actor: { id: `user:${user.id}`, label: user.email }, user };
}

function readCookie(request: Request, name: string): string | undefined {
  const raw = request.headers.get("cookie") ?? "";
  for (const part of raw.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}
