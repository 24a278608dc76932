import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import type { Database } from "@/db/client";
import { accounts, users } from "@/db/schema";
import { AppError } from "@/lib/api/errors";

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address, like ana@example.com"),
  name: z.string().trim().min(1, "Enter a name").max(100),
  password: z.string().min(8, "Use at least 8 characters for the password").max(200),
});

export type NewUser = z.infer<typeof newUserSchema>;

/**
 * Creates a user who signs in with email and password. The password is hashed with
 * better-auth's own hasher and stored the way better-auth reads it (a "credential" account).
 */
export async function createUser(db: Database, input: NewUser): Promise<{ id: string; email: string; name: string }> {
  const { email, name, password } = newUserSchema.parse(input);
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing.length) throw new AppError("conflict", `A user with the email ${email} already exists.`);
  const id = randomUUID();
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.insert(users).values({ id, email, name, emailVerified: true });
    await tx.insert(accounts).values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash });
  });
  return { id, email, name };
}

/** Finds a user by email. */
export async function getUserByEmail(db: Database, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user ?? null;
}
