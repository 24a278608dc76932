import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { CompassIcon } from "@/components/ui/icons";
import { Logo } from "@/components/ui/logo";

/** Any URL that matches nothing, and any `notFound()` call without a closer boundary. */
export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center px-4 py-12 text-center" data-testid="not-found">
      <Logo className="mb-10" />
      <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-accent-50 text-accent-600" aria-hidden="true">
        <CompassIcon className="size-5" />
      </div>
      <p className="text-sm font-semibold text-accent-600">404</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-2 max-w-sm text-sm text-slate-500">
        The page you asked for does not exist, or it belongs to a workspace you are not looking at.
      </p>
      <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
        Back to overview
      </Link>
    </div>
  );
}
