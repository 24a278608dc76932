import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";

/** Sign-in and set-up: a centred card on a quiet background. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="relative flex min-h-dvh flex-col items-center justify-center overflow-hidden px-4 py-12">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 -z-10 h-96 bg-gradient-to-b from-accent-50 via-slate-50 to-slate-50"
      />
      <div className="mb-8">
        <Logo className="[&>span]:text-lg" />
      </div>
      <main className="w-full max-w-sm">{children}</main>
      <p className="mt-10 text-xs text-slate-400">Tailor · open-source segmentation and personalization</p>
    </div>
  );
}
