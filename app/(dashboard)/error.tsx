"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";

/** A dashboard page failed to render: say so, offer a retry, keep the shell around it. */
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";

  return (
    <div className="flex flex-col items-center rounded-xl border border-slate-200 bg-white px-6 py-16 text-center" role="alert" data-testid="page-error">
      <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-red-50 text-red-600" aria-hidden="true">
        <AlertIcon className="size-5" />
      </div>
      <h1 className="text-lg font-semibold text-slate-900">This page could not be loaded</h1>
      <p className="mt-1.5 max-w-md text-sm text-slate-500">
        Something went wrong on our side. Trying again often helps; if it keeps happening, the server log has the details.
      </p>
      {digest ? <p className="mt-2 font-mono text-xs text-slate-400">Error id {digest}</p> : null}
      <div className="mt-6 flex gap-2">
        <Button onClick={() => retry()}>Try again</Button>
        <Link href="/" className={buttonClasses("secondary")}>
          Go to overview
        </Link>
      </div>
    </div>
  );
}
