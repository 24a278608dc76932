import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { memberships, users, workspaces, type Role } from "@/db/schema";
import { AppError } from "@/lib/api/errors";

export const workspaceNameSchema = z.string().trim().min(1, "Enter a workspace name").max(80, "Keep the name under 80 characters");

/** A URL-safe slug from a name: "Acme News & Shop" → "acme-news-shop". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return slug || "workspace";
}

/** Creates a workspace with a unique slug derived from its name. */
export async function createWorkspace(db: Database, input: { name: string; isDemo?: boolean; slug?: string }) {
  const name = workspaceNameSchema.parse(input.name);
  const base = input.slug ?? slugify(name);
  for (let attempt = 0; attempt < 50; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${attempt + 1}`;
    const [row] = await db
      .insert(workspaces)
      .values({ name, slug, isDemo: input.isDemo ?? false })
      .onConflictDoNothing({ target: workspaces.slug })
      .returning();
    if (row) return row;
  }
  throw new AppError("conflict", `Could not find a free slug for "${name}"; choose another name.`);
}

/** Finds a workspace by slug or id. */
export async function getWorkspace(db: Database, slugOrId: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(slugOrId);
  const [row] = await db
    .select()
    .from(workspaces)
    .where(isUuid ? eq(workspaces.id, slugOrId) : eq(workspaces.slug, slugOrId));
  return row ?? null;
}

/** Adds (or changes) a user's role in a workspace. */
export async function setMembership(db: Database, params: { workspaceId: string; userId: string; role: Role }) {
  await db
    .insert(memberships)
    .values(params)
    .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role: params.role } });
}

/** The workspaces a user belongs to, with their role, oldest first. */
export async function listUserWorkspaces(db: Database, userId: string) {
  return db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, isDemo: workspaces.isDemo, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(workspaces.slug));
}

/** Members of a workspace with their roles. */
export async function listMembers(db: Database, workspaceId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.email));
}

/** The role of a user in a workspace, or null when not a member. */
export async function getRole(db: Database, workspaceId: string, userId: string): Promise<Role | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

/** Whether anyone has an account yet: a fresh production install has none and shows set-up. */
export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row.n;
}
