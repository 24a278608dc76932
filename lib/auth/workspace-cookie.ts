import "server-only";
import { cookies } from "next/headers";
import { WORKSPACE_COOKIE } from "@/lib/auth/context";
import { env } from "@/lib/env";

/** Remembers `slug` as the browser's current workspace (the caller checked membership). */
export async function setWorkspaceCookie(slug: string) {
  (await cookies()).set(WORKSPACE_COOKIE, slug, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.TAILOR_URL?.startsWith("https://") ?? false,
    maxAge: 60 * 60 * 24 * 365,
  });
}
