"use client";

import { useState, type FormEvent } from "react";
import { signInWithEmail } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export interface SignInFormProps {
  /** Credentials of the demo account, shown as a hint when a demo workspace is loaded. */
  demo: { email: string; password: string } | null;
}

/** Email and password sign-in; on success the whole app reloads at `/` with the new session. */
export function SignInForm({ demo }: SignInFormProps) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError("Enter your email and password.");
      return;
    }
    setPending(true);
    try {
      await signInWithEmail(email.trim(), password);
      window.location.assign("/");
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Sign-in failed. Try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="sign-in-form">
      {demo ? (
        <div className="rounded-lg border border-accent-200 bg-accent-50 px-4 py-3 text-sm text-accent-700" data-testid="demo-hint">
          <p>
            Demo: sign in as <strong className="font-semibold whitespace-nowrap">{demo.email}</strong> /{" "}
            <strong className="font-semibold whitespace-nowrap">{demo.password}</strong>
          </p>
          <button
            type="button"
            className="mt-1 text-xs font-medium text-accent-700 underline underline-offset-2 hover:text-accent-600"
            onClick={() => {
              setEmail(demo.email);
              setPassword(demo.password);
            }}
          >
            Fill in the demo account
          </button>
        </div>
      ) : null}
      <Field id="email" label="Email">
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          placeholder="you@company.com"
        />
      </Field>
      <Field id="password" label="Password">
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      {error ? (
        <Alert tone="danger" data-testid="sign-in-error">
          {error}
        </Alert>
      ) : null}
      <Button type="submit" className="w-full" pending={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
