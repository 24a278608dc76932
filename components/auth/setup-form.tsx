"use client";

import { useState, type FormEvent } from "react";
import { ApiRequestError, apiFetch, signInWithEmail } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type FieldName = "name" | "email" | "password" | "confirm" | "workspaceName";
type Values = Record<FieldName, string>;

const EMPTY: Values = { name: "", email: "", password: "", confirm: "", workspaceName: "" };

/** Checks what the browser can check; the server validates everything again. */
function checkLocally(values: Values): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  if (!values.name.trim()) errors.name = "Enter your name";
  if (!/^\S+@\S+\.\S+$/.test(values.email.trim())) errors.email = "Enter a valid email address, like ana@example.com";
  if (values.password.length < 8) errors.password = "Use at least 8 characters for the password";
  if (values.confirm !== values.password) errors.confirm = "The two passwords do not match";
  if (!values.workspaceName.trim()) errors.workspaceName = "Enter a workspace name";
  return errors;
}

/** Creates the owner account and first workspace, then signs in. */
export function SetupForm() {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<{ message: string; alreadySetUp: boolean } | null>(null);
  const [pending, setPending] = useState(false);

  const set = (field: FieldName) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const local = checkLocally(values);
    setErrors(local);
    if (Object.keys(local).length) return;
    setPending(true);
    const body = { name: values.name.trim(), email: values.email.trim(), password: values.password, workspaceName: values.workspaceName.trim() };
    try {
      await apiFetch<{ workspace: { slug: string } }>("/api/setup", { method: "POST", body });
    } catch (caught) {
      setPending(false);
      if (caught instanceof ApiRequestError) {
        const fields = caught.fieldErrors() as Partial<Record<FieldName, string>>;
        setErrors(fields);
        // Field problems show beside their fields; the summary is only needed when none matched.
        if (!Object.keys(fields).length) setFormError({ message: caught.message, alreadySetUp: caught.status === 409 && caught.code === "conflict" && /set up/i.test(caught.message) });
      } else {
        setFormError({ message: "Set-up failed. Try again.", alreadySetUp: false });
      }
      return;
    }
    try {
      await signInWithEmail(body.email, body.password);
      window.location.assign("/");
    } catch {
      // The account exists; only the automatic sign-in failed.
      window.location.assign("/sign-in");
    }
  }

  const field = (name: FieldName, label: string, props: Record<string, unknown>, hint?: string) => (
    <Field id={name} label={label} error={errors[name]} hint={hint}>
      <Input
        id={name}
        name={name}
        value={values[name]}
        onChange={set(name)}
        invalid={Boolean(errors[name])}
        aria-describedby={describedBy(name, hint, errors[name])}
        required
        {...props}
      />
    </Field>
  );

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="setup-form">
      {field("name", "Your name", { autoComplete: "name", autoFocus: true })}
      {field("email", "Email", { type: "email", autoComplete: "email", placeholder: "you@company.com" })}
      {field("password", "Password", { type: "password", autoComplete: "new-password" }, "At least 8 characters.")}
      {field("confirm", "Confirm password", { type: "password", autoComplete: "new-password" })}
      {field("workspaceName", "Workspace name", { placeholder: "Acme Inc." }, "Usually your company or site. You can add more workspaces later.")}
      {formError ? (
        <Alert tone="danger" data-testid="setup-error">
          {formError.message}
          {formError.alreadySetUp ? (
            <>
              {" "}
              <a href="/sign-in" className="font-medium underline underline-offset-2">
                Go to sign in
              </a>
            </>
          ) : null}
        </Alert>
      ) : null}
      <Button type="submit" className="w-full" pending={pending}>
        {pending ? "Creating your workspace…" : "Create owner account"}
      </Button>
    </form>
  );
}
