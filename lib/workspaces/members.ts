import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { memberships, users, type Role } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { createUser, getUserByEmail } from "@/lib/auth/create-user";
import { ROLES } from "@/lib/auth/roles";

/**
 * Managing who is in a workspace (admins and owners). The rules:
 * - only an owner makes someone an owner, or changes or removes an owner;
 * - a workspace always keeps at least one owner (checked under a row lock, so two admins
 *   demoting the last two owners at once cannot leave none);
 * - adding an email nobody uses yet creates the account with an initial password the admin
 *   chooses and passes on (Tailor sends no email); an existing account is just added.
 */

const roleSchema = z.enum(ROLES as [Role, ...Role[]], { error: "Choose a role: owner, admin, editor or viewer" });

export const addMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address, like ana@example.com"),
  name: z.string().trim().min(1, "Enter a name, or leave it out to use the part before the @").max(100).optional(),
  role: roleSchema,
  password: z.string().min(8, "Use at least 8 characters for the initial password").max(200).optional(),
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;

export const changeRoleSchema = z.object({ role: roleSchema });

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

/** Who acts: their role in the workspace decides what they may change. */
export interface MemberActor {
  role: Role;
}

function requireOwnerFor(actor: MemberActor, what: string) {
  if (actor.role !== "owner") throw new AppError("forbidden", `Only an owner can ${what}.`);
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function memberRow(db: Database | Tx, workspaceId: string, userId: string): Promise<Member | null> {
  const [row] = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row ?? null;
}

/** Locks the workspace's owner rows and answers how many there are. */
async function lockOwners(tx: Tx, workspaceId: string): Promise<number> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
    .for("update");
  return rows.length;
}

/**
 * Adds a person by email. Creates their account when no account uses the email (then `password`
 * is required); refuses someone who is already a member (change their role instead).
 */
export async function addMember(db: Database, workspaceId: string, actor: MemberActor, input: AddMemberInput): Promise<{ member: Member; createdAccount: boolean }> {
  const { email, name, role, password } = addMemberSchema.parse(input);
  if (role === "owner") requireOwnerFor(actor, "make someone an owner");
  let user = await getUserByEmail(db, email);
  if (user) {
    const existing = await memberRow(db, workspaceId, user.id);
    if (existing) throw new AppError("conflict", `${email} is already a member (${existing.role}); change their role in the list instead.`);
  }
  let createdAccount = false;
  if (!user) {
    if (!password) {
      throw new AppError("validation_failed", `No account uses ${email} yet. Give an initial password (at least 8 characters) to create one, and pass it on to them.`, [
        { path: ["password"], message: "Needed to create the account: at least 8 characters" },
      ]);
    }
    const created = await createUser(db, { email, name: name ?? email.split("@")[0], password });
    user = await getUserByEmail(db, created.email);
    createdAccount = true;
  }
  await db.insert(memberships).values({ workspaceId, userId: user!.id, role }).onConflictDoNothing();
  const member = await memberRow(db, workspaceId, user!.id);
  return { member: member!, createdAccount };
}

/** Changes a member's role; an owner's role only by an owner, and never the last owner's. */
export async function changeMemberRole(db: Database, workspaceId: string, actor: MemberActor, userId: string, role: Role): Promise<{ before: Member; member: Member }> {
  return db.transaction(async (tx) => {
    const owners = await lockOwners(tx, workspaceId);
    const before = await memberRow(tx, workspaceId, userId);
    if (!before) throw new AppError("not_found", `Member "${userId}" was not found in this workspace.`);
    if (before.role === role) return { before, member: before };
    if (role === "owner") requireOwnerFor(actor, "make someone an owner");
    if (before.role === "owner") {
      requireOwnerFor(actor, "change an owner's role");
      if (owners <= 1) throw new AppError("conflict", `${before.email} is the only owner. Make someone else an owner first, then change this role.`);
    }
    await tx.update(memberships).set({ role }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    return { before, member: { ...before, role } };
  });
}

/** Removes a member from the workspace (their account stays, for their other workspaces). */
export async function removeMember(db: Database, workspaceId: string, actor: MemberActor, userId: string): Promise<Member> {
  return db.transaction(async (tx) => {
    const owners = await lockOwners(tx, workspaceId);
    const member = await memberRow(tx, workspaceId, userId);
    if (!member) throw new AppError("not_found", `Member "${userId}" was not found in this workspace.`);
    if (member.role === "owner") {
      requireOwnerFor(actor, "remove an owner");
      if (owners <= 1) throw new AppError("conflict", `${member.email} is the only owner and cannot be removed. Make someone else an owner first.`);
    }
    await tx.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    return member;
  });
}
