"use client";

import { useState, type FormEvent } from "react";
import type { Role } from "@/db/schema";
import { ApiRequestError } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/auth/roles";
import { useAddMember } from "./use-settings-queries";

type Errors = Partial<Record<"email" | "name" | "role" | "password" | "form", string>>;

const ROLE_LABEL: Record<Role, string> = { owner: "Owner", admin: "Admin", editor: "Editor", viewer: "Viewer" };

/**
 * "Add member": an email and a role. Someone who already has a Tailor account (in another
 * workspace) is added as is; for a new email the admin sets an initial password and passes it on.
 */
export function AddMemberDialog({ workspace, open, onClose, canGrantOwner, onAdded }: { workspace: string; open: boolean; onClose: () => void; canGrantOwner: boolean; onAdded: (message: string) => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const add = useAddMember(workspace);

  function close() {
    setEmail("");
    setName("");
    setRole("editor");
    setPassword("");
    setErrors({});
    add.reset();
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {};
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) found.email = "Enter a valid email address, like ana@example.com";
    if (password && password.length < 8) found.password = "Use at least 8 characters for the initial password";
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      const result = await add.mutateAsync({ email: email.trim(), role, ...(name.trim() ? { name: name.trim() } : {}), ...(password ? { password } : {}) });
      onAdded(
        result.createdAccount
          ? `Added ${result.member.email} as ${role}. Their account was created: give them the initial password you chose.`
          : `Added ${result.member.email} as ${role}. They sign in with their existing account.`,
      );
      close();
    } catch (caught) {
      if (caught instanceof ApiRequestError) setErrors({ ...caught.fieldErrors(), form: caught.message });
      else setErrors({ form: "The member could not be added. Try again." });
    }
  }

  const passwordHint = "Needed only when nobody uses this email in Tailor yet. Tailor sends no email: pass the password on yourself.";
  return (
    <Dialog open={open} onClose={close} dismissible={!add.isPending} title="Add a member" description="Give a colleague access to this workspace." data-testid="add-member-dialog">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field id="member-email" label="Email" error={errors.email}>
          <Input
            id="member-email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus
            autoComplete="off"
            invalid={Boolean(errors.email)}
            aria-describedby={describedBy("member-email", false, errors.email)}
          />
        </Field>
        <Field id="member-role" label="Role" error={errors.role} hint={ROLE_DESCRIPTIONS[role]}>
          <Select id="member-role" value={role} onChange={(e) => setRole(e.target.value as Role)} aria-describedby={describedBy("member-role", true, errors.role)}>
            {ROLES.filter((r) => canGrantOwner || r !== "owner").map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="member-name" label="Name (optional)" error={errors.name} hint="For a new account; the part before the @ when empty.">
          <Input id="member-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} invalid={Boolean(errors.name)} aria-describedby={describedBy("member-name", true, errors.name)} />
        </Field>
        <Field id="member-password" label="Initial password" error={errors.password} hint={passwordHint}>
          <Input
            id="member-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            invalid={Boolean(errors.password)}
            aria-describedby={describedBy("member-password", true, errors.password)}
          />
        </Field>
        {errors.form ? <Alert tone="danger">{errors.form}</Alert> : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={close} disabled={add.isPending}>
            Cancel
          </Button>
          <Button type="submit" pending={add.isPending} data-testid="add-member-submit">
            Add member
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export { ROLE_LABEL };
