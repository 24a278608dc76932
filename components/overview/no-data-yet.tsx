import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ActivityIcon, KeyIcon } from "@/components/ui/icons";

/** The overview of a workspace without profiles: how to start sending data, instead of zeros. */
export function NoDataYet({ workspaceName, origin }: { workspaceName: string; origin: string }) {
  const example = `curl -X POST ${origin}/api/v1/track \\
  -u "YOUR_WRITE_KEY:" \\
  -H "content-type: application/json" \\
  -d '{
    "userId": "user-1",
    "event": "Signed Up",
    "properties": { "plan": "pro" }
  }'`;

  return (
    <Card className="overflow-hidden" data-testid="overview-empty">
      <div className="flex flex-col items-center px-6 pt-12 pb-8 text-center">
        <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-accent-50 text-accent-600" aria-hidden="true">
          <ActivityIcon className="size-5" />
        </div>
        <h2 className="text-lg font-semibold text-slate-900">No data in {workspaceName} yet</h2>
        <p className="mt-1.5 max-w-lg text-sm text-slate-500">
          Tailor builds a profile for every visitor from the events your website, app or backend sends. Once the first
          events arrive, this page shows your audience and what it does.
        </p>
      </div>
      <ol className="grid gap-px border-t border-slate-100 bg-slate-100 md:grid-cols-2">
        <li className="bg-white p-6">
          <p className="text-xs font-semibold tracking-wide text-accent-600 uppercase">Step 1</p>
          <h3 className="mt-1 text-sm font-semibold text-slate-900">Create a write key</h3>
          <p className="mt-1 text-sm text-slate-500">
            A write key only sends data, so it may sit in a web page. Create one under Settings → API keys.
          </p>
          <Link href="/settings?tab=api-keys" className={buttonClasses("primary", "md", "mt-4")} data-testid="overview-empty-keys-link">
            <KeyIcon className="size-4" />
            Go to API keys
          </Link>
        </li>
        <li className="bg-white p-6">
          <p className="text-xs font-semibold tracking-wide text-accent-600 uppercase">Step 2</p>
          <h3 className="mt-1 text-sm font-semibold text-slate-900">Send events</h3>
          <p className="mt-1 text-sm text-slate-500">
            Use any Segment-compatible library, or call the HTTP API directly:
          </p>
          <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
            <code>{example}</code>
          </pre>
        </li>
      </ol>
    </Card>
  );
}
