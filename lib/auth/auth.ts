import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { getDb, type Database } from "@/db/client";
import * as schema from "@/db/schema";
import { authSecret, env } from "@/lib/env";

function createAuth(db: Database) {
  return betterAuth({
    secret: authSecret(),
    baseURL: env.TAILOR_URL,
    // Requests are trusted from the configured public URL and from the host they were sent to
    // (same-origin), so the app works on any address it is served from without weakening CSRF checks.
    trustedOrigins: (request) => {
      const host = request?.headers.get("x-forwarded-host") ?? request?.headers.get("host");
      return [env.TAILOR_URL && new URL(env.TAILOR_URL).origin, host && `http://${host}`, host && `https://${host}`];
    },
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: schema.users,
        session: schema.sessions,
        account: schema.accounts,
        verification: schema.verifications,
        rateLimit: schema.rateLimits,
      },
    }),
    // Accounts are created by the owner set-up page, the CLI and admins, never by public sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: 5 } },
    },
    advanced: {
      // Behind no proxy the socket address is all we have; these headers are set by proxies we trust.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { __tailorAuth?: Promise<Auth> };

/** The better-auth instance bound to the process database. */
export function getAuth(): Promise<Auth> {
  globalForAuth.__tailorAuth ??= getDb().then(createAuth);
  return globalForAuth.__tailorAuth;
}
