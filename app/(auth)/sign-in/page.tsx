import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { getAuth } from "@/lib/auth/auth";
import { countUsers } from "@/lib/workspaces/workspaces";
import { SignInForm } from "@/components/auth/sign-in-form";
import { hasDemoWorkspace } from "../_lib/has-demo-workspace";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  await connection();
  const db = await getDb();
  // A fresh install has nobody to sign in as: the owner account is created first.
  if ((await countUsers(db)) === 0) redirect("/setup");
  const session = await (await getAuth()).api.getSession({ headers: await headers() });
  if (session) redirect("/");
  const demo = await hasDemoWorkspace(db);

  return (
    <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Sign in to Tailor</h1>
      <p className="mt-1 text-sm text-slate-500">Welcome back. Enter your email and password.</p>
      <div className="mt-6">
        <SignInForm demo={demo ? { email: "demo@tailor.dev", password: "tailor-demo" } : null} />
      </div>
    </div>
  );
}
