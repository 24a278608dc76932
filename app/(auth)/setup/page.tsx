import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { countUsers } from "@/lib/workspaces/workspaces";
import { SetupForm } from "@/components/auth/setup-form";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage() {
  await connection();
  const db = await getDb();
  // Set-up exists only to create the very first account; afterwards it is gone.
  if ((await countUsers(db)) > 0) redirect("/sign-in");

  return (
    <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Set up Tailor</h1>
      <p className="mt-1 text-sm text-slate-500">
        Create the owner account and your first workspace. You can invite your team afterwards.
      </p>
      <div className="mt-6">
        <SetupForm />
      </div>
    </div>
  );
}
